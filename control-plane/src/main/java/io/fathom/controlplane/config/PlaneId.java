package io.fathom.controlplane.config;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * This control plane's identity on the engine ({@code $FATHOM_HOME/plane-id}, made on first start):
 * every instance it starts carries it as the label {@code io.fathom.plane}, so that reconciling
 * after a restart only adopts or removes its own instances, never another control plane's on the
 * same engine.
 */
@Singleton
public class PlaneId {
  public static final String LABEL = "io.fathom.plane";

  private final String value;

  public PlaneId(FathomHome home) {
    Path file = home.resolve("plane-id");
    try {
      Files.createDirectories(file.getParent());
      try {
        Files.writeString(
            file,
            UUID.randomUUID().toString(),
            StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException kept) {
        // The identity of an earlier start of this control plane.
      }
      this.value = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or write " + file, e);
    }
  }

  public String value() {
    return value;
  }
}
