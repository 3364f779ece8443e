package io.fathom.controlplane.build;

import io.fathom.controlplane.config.FathomHome;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * Build settings: {@code fathom.builds.concurrency} (builds at once, default 2) and {@code
 * fathom.builds.base-image-format} (the runtime base image of kinds that need one, {@code %s} being
 * the kind; default the offline images of {@code scripts/images.sh}; compiled kinds use {@code
 * scratch}), {@code fathom.builds.maven-mirror} (the Maven file mirror jvm21 compile steps resolve
 * from, offline; default {@code $FATHOM_HOME/maven-mirror}, which {@code scripts/maven-mirror.sh}
 * makes and {@code scripts/run.sh} prepares). The builder's layer cache lives in {@code
 * $FATHOM_HOME/builds/cache}.
 */
@Singleton
public class BuildSettings {
  /** The images {@code scripts/images.sh KIND} makes, in the local Docker daemon. */
  public static final String DEFAULT_BASE_IMAGE_FORMAT = "docker://fathom/base-%s:latest";

  /** Kinds whose image is a static binary that needs no base image. */
  static final java.util.Set<String> STATIC_BINARY_KINDS =
      java.util.Set.of("go124", "rust189", "rust186");

  private final int concurrency;
  private final String baseImageFormat;
  private final Path cacheDir;
  private final Path mavenMirror;

  public BuildSettings(
      @Value("${fathom.builds.concurrency:2}") int concurrency,
      @Value("${fathom.builds.base-image-format:}") String baseImageFormat,
      @Value("${fathom.builds.maven-mirror:}") String mavenMirror,
      FathomHome home) {
    if (concurrency < 1) {
      throw new IllegalArgumentException(
          "fathom.builds.concurrency must be 1 or more, got " + concurrency);
    }
    if (baseImageFormat.isBlank()) {
      baseImageFormat = DEFAULT_BASE_IMAGE_FORMAT;
    }
    if (!baseImageFormat.contains("%s")) {
      throw new IllegalArgumentException(
          "fathom.builds.base-image-format must contain %s (the kind), got " + baseImageFormat);
    }
    this.concurrency = concurrency;
    this.baseImageFormat = baseImageFormat;
    this.cacheDir = home.resolve("builds").resolve("cache");
    this.mavenMirror =
        mavenMirror.isBlank()
            ? home.resolve("maven-mirror")
            : Path.of(mavenMirror).toAbsolutePath();
  }

  public int concurrency() {
    return concurrency;
  }

  /**
   * The kind's runtime base: compiled kinds ship a static binary on an empty image ({@code
   * scratch}); the others use {@code fathom.builds.base-image-format}.
   */
  public String baseImage(String kind) {
    return STATIC_BINARY_KINDS.contains(kind) ? "scratch" : baseImageFormat.formatted(kind);
  }

  public Path cacheDir() {
    return cacheDir;
  }

  /** The Maven file mirror of jvm21 compile steps ({@code fathom.builds.maven-mirror}). */
  public Path mavenMirror() {
    return mavenMirror;
  }
}
