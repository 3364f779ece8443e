package io.fathom.controlplane.config;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The control plane's home directory ({@code FATHOM_HOME}, default {@code ~/.fathom}). */
@Singleton
public class FathomHome {
  private final Path root;

  public FathomHome(@Value("${fathom.home}") String home) {
    if (home == null || home.isBlank()) {
      throw new IllegalArgumentException("fathom.home (FATHOM_HOME) must name a directory");
    }
    this.root = Path.of(home).toAbsolutePath().normalize();
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("FATHOM_HOME " + root + " cannot be created", e);
    }
  }

  public Path root() {
    return root;
  }

  public Path resolve(String child) {
    return root.resolve(child);
  }
}
