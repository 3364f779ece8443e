package io.fathom.controlplane.source.archive;

import static io.fathom.controlplane.source.archive.EntryPaths.quote;
import static io.fathom.controlplane.source.archive.RejectionReason.MALFORMED;
import static io.fathom.controlplane.source.archive.RejectionReason.TOO_LARGE;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Reads a zip upload into a {@link TreeBuilder}. A zip keeps Unix modes and symlinks only in its
 * central directory, at the end, so the upload is first spooled to a private temporary file, which
 * is always deleted.
 */
final class ZipIntake {
  private static final int TYPE_MASK = UnixStat.FILE_TYPE_FLAG;
  private static final int MAX_LINK_TARGET_BYTES = 4096;

  private ZipIntake() {}

  static void read(InputStream upload, Path tempDir, ArchiveLimits limits, TreeBuilder tree)
      throws IOException, ArchiveRejectedException {
    Path spool = createSpool(tempDir);
    try {
      long size = spool(upload, spool, limits.maxStreamBytes());
      InflationGuard guard = new InflationGuard(limits, () -> size);
      try (ZipFile zip = ZipFile.builder().setPath(spool).get()) {
        for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
          accept(zip, entry, guard, tree);
        }
      }
    } finally {
      delete(spool);
    }
  }

  private static Path createSpool(Path tempDir) {
    try {
      return Files.createTempFile(tempDir, "fathom-upload-", ".zip");
    } catch (IOException e) {
      throw new SpoolFailure("Could not create a temporary file in " + tempDir, e);
    }
  }

  private static void delete(Path spool) {
    try {
      Files.deleteIfExists(spool);
    } catch (IOException e) {
      throw new SpoolFailure("Could not delete the temporary file " + spool, e);
    }
  }

  /** Copies the upload to the spool file; a failing upload is the client's, a failing disk ours. */
  private static long spool(InputStream upload, Path spool, long maxBytes)
      throws IOException, ArchiveRejectedException {
    CountingInputStream counted = new CountingInputStream(upload);
    byte[] chunk = new byte[8192];
    try (OutputStream out = open(spool)) {
      int n;
      while ((n = counted.read(chunk)) != -1) {
        if (counted.count() > maxBytes) {
          throw new ArchiveRejectedException(
              TOO_LARGE,
              "The zip archive is larger than "
                  + maxBytes
                  + " bytes; leave dependencies and build output out of the upload");
        }
        write(out, chunk, n, spool);
      }
    }
    return counted.count();
  }

  private static OutputStream open(Path spool) {
    try {
      return Files.newOutputStream(spool);
    } catch (IOException e) {
      throw new SpoolFailure("Could not open the temporary file " + spool, e);
    }
  }

  private static void write(OutputStream out, byte[] chunk, int length, Path spool) {
    try {
      out.write(chunk, 0, length);
    } catch (IOException e) {
      throw new SpoolFailure("Could not write the zip upload to " + spool, e);
    }
  }

  private static void accept(
      ZipFile zip, ZipArchiveEntry entry, InflationGuard guard, TreeBuilder tree)
      throws IOException, ArchiveRejectedException {
    String name = entry.getName();
    int mode = entry.getUnixMode();
    int type = mode & TYPE_MASK;
    if (entry.isDirectory() || type == UnixStat.DIR_FLAG) {
      tree.directory(name);
      return;
    }
    if (type != 0 && type != UnixStat.FILE_FLAG && type != UnixStat.LINK_FLAG) {
      tree.special(name, describe(type));
      return;
    }
    String path = EntryPaths.normalize(name);
    if (!zip.canReadEntryData(entry)) {
      throw new ArchiveRejectedException(
          MALFORMED,
          "Entry "
              + quote(path)
              + " is encrypted or uses an unsupported compression method ("
              + entry.getMethod()
              + "); create the zip without a password, with deflate or no compression");
    }
    try (InputStream content = guard.watch(zip.getInputStream(entry))) {
      if (type == UnixStat.LINK_FLAG) {
        tree.symlink(name, readLinkTarget(path, content));
      } else {
        tree.file(name, (mode & 0111) != 0, content);
      }
    }
  }

  private static String readLinkTarget(String path, InputStream content)
      throws IOException, ArchiveRejectedException {
    byte[] target = content.readNBytes(MAX_LINK_TARGET_BYTES + 1);
    if (target.length > MAX_LINK_TARGET_BYTES) {
      throw new ArchiveRejectedException(
          MALFORMED,
          "Symlink "
              + quote(path)
              + " has a target longer than "
              + MAX_LINK_TARGET_BYTES
              + " bytes");
    }
    return new String(target, StandardCharsets.UTF_8);
  }

  private static String describe(int type) {
    return switch (type) {
      case 0010000 -> "FIFO (named pipe)";
      case 0020000 -> "character device";
      case 0060000 -> "block device";
      case 0140000 -> "socket";
      default -> "zip entry with Unix file type 0" + Integer.toOctalString(type);
    };
  }

  /** The server, not the upload, failed: the temporary file could not be made or written. */
  static final class SpoolFailure extends UncheckedIOException {
    SpoolFailure(String message, IOException cause) {
      super(message, cause);
    }
  }
}
