package io.fathom.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fathom.cli.error.CliException;
import io.fathom.cli.http.Json;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Reads and writes {@code config.json}. Writes are atomic (a temporary file in the same directory
 * moved over the old one) and private: the file is mode 600 and its directory mode 700, since it
 * holds tokens.
 */
public final class ConfigStore {
  private static final ObjectMapper MAPPER = Json.MAPPER;
  private final Path file;

  public ConfigStore(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** The saved configuration, or an empty one when the file does not exist yet. */
  public CliConfig load() {
    if (!Files.exists(file)) {
      return CliConfig.empty();
    }
    try {
      CliConfig config = MAPPER.readValue(file.toFile(), CliConfig.class);
      return config == null ? CliConfig.empty() : config;
    } catch (JsonProcessingException e) {
      throw new CliException(
          "invalid-config",
          "cannot read " + file + ": " + e.getOriginalMessage() + "; fix or delete the file");
    } catch (IOException e) {
      throw new CliException("invalid-config", "cannot read " + file + ": " + e.getMessage());
    }
  }

  public void save(CliConfig config) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      createPrivateDirectory(dir);
      Path tmp = createPrivateFile(dir);
      try {
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), config);
        move(tmp, file);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new CliException("config-not-saved", "cannot write " + file + ": " + e.getMessage());
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (dir.getParent() != null) {
      Files.createDirectories(dir.getParent());
    }
    if (posix()) {
      Files.createDirectory(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
  }

  private static Path createPrivateFile(Path dir) throws IOException {
    if (posix()) {
      return Files.createTempFile(
          dir,
          ".config",
          ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return Files.createTempFile(dir, ".config", ".tmp");
  }
}
