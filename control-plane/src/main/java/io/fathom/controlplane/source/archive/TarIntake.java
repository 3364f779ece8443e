package io.fathom.controlplane.source.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Streams a tar or tar.gz upload into a {@link TreeBuilder}. */
final class TarIntake {
  private TarIntake() {}

  static void read(InputStream upload, boolean gzipped, ArchiveLimits limits, TreeBuilder tree)
      throws IOException, ArchiveRejectedException {
    CountingInputStream compressed = new CountingInputStream(upload);
    InflationGuard guard = new InflationGuard(limits, compressed::count);
    try (InputStream expanded =
            guard.watch(gzipped ? new GzipCompressorInputStream(compressed, true) : compressed);
        TarArchiveInputStream tar =
            new TarArchiveInputStream(expanded, StandardCharsets.UTF_8.name())) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        accept(entry, tar, tree);
      }
      // Read to the end, so a truncated or corrupt gzip trailer is noticed; the guard still counts.
      expanded.transferTo(OutputStream.nullOutputStream());
    }
  }

  private static void accept(TarArchiveEntry entry, InputStream content, TreeBuilder tree)
      throws IOException, ArchiveRejectedException {
    String name = entry.getName();
    if (entry.isDirectory()) {
      tree.directory(name);
    } else if (entry.isSymbolicLink()) {
      tree.symlink(name, entry.getLinkName());
    } else if (entry.isLink()) {
      tree.hardLink(name, entry.getLinkName());
    } else if (isRegular(entry)) {
      tree.file(name, (entry.getMode() & 0111) != 0, content);
    } else {
      tree.special(name, describe(entry));
    }
  }

  private static boolean isRegular(TarArchiveEntry entry) {
    byte flag = entry.getLinkFlag();
    return !entry.isSparse()
        && (flag == TarConstants.LF_NORMAL
            || flag == TarConstants.LF_OLDNORM
            || flag == TarConstants.LF_CONTIG);
  }

  private static String describe(TarArchiveEntry entry) {
    if (entry.isCharacterDevice()) {
      return "character device";
    }
    if (entry.isBlockDevice()) {
      return "block device";
    }
    if (entry.isFIFO()) {
      return "FIFO (named pipe)";
    }
    if (entry.isSparse()) {
      return "sparse file";
    }
    byte flag = entry.getLinkFlag();
    return flag >= 0x20 && flag < 0x7f
        ? "tar entry of type '" + (char) flag + "'"
        : "tar entry of type " + (flag & 0xff);
  }
}
