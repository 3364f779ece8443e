package io.fathom.builder.api;

import java.nio.file.Path;
import java.util.Objects;

/** Where the built image goes: the Docker daemon, an OCI registry, or an image tarball. */
public sealed interface BuildTarget {

  /** The image name (with tag) the image gets at the target. */
  String imageName();

  /** Loads the image into the local Docker daemon as {@code imageName}. */
  static BuildTarget daemon(String imageName) {
    return new Daemon(imageName);
  }

  /**
   * Pushes the image to a registry, e.g. {@code 127.0.0.1:5055/fn/echo:b1}. {@code allowInsecure}
   * permits plain HTTP (and is also applied to a registry base image); loopback registries need it.
   */
  static BuildTarget registry(String imageRef, boolean allowInsecure) {
    return new Registry(imageRef, allowInsecure);
  }

  /**
   * Writes the image as a tarball ({@code docker load} layout, Docker V2.2 manifest: the same
   * digest as the other targets) to {@code path}, naming it {@code imageName}.
   */
  static BuildTarget tarFile(Path path, String imageName) {
    return new TarFile(path, imageName);
  }

  record Daemon(String imageName) implements BuildTarget {
    public Daemon {
      requireName(imageName);
    }
  }

  record Registry(String imageName, boolean allowInsecure) implements BuildTarget {
    public Registry {
      requireName(imageName);
    }
  }

  record TarFile(Path path, String imageName) implements BuildTarget {
    public TarFile {
      Objects.requireNonNull(path, "path");
      path = path.toAbsolutePath();
      requireName(imageName);
    }
  }

  private static void requireName(String imageName) {
    if (imageName == null
        || imageName.isBlank()
        || imageName.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "target image name is required, without spaces: " + imageName);
    }
  }
}
