package io.fathom.controlplane.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a revision's canonical tar.gz (plain files and directories only, checked at upload) into
 * a directory for the builder. Entries that would land outside it are refused all the same.
 */
final class SourceUnpacker {
  private SourceUnpacker() {}

  static void unpack(InputStream tarGz, Path dir) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new GzipCompressorInputStream(tarGz))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path target = root.resolve(entry.getName()).normalize();
        if (!target.startsWith(root)) {
          throw new IOException("revision entry outside the tree: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isFile()) {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
          boolean executable = (entry.getMode() & 0100) != 0;
          Files.setPosixFilePermissions(
              target, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        } else {
          throw new IOException("revision entry is not a file or directory: " + entry.getName());
        }
      }
    }
  }
}
