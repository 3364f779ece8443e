package io.fathom.controlplane.source.archive;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The one canonical tar of a source tree, and its digest. Only the tree shapes the bytes: paths in
 * {@link SourceTree#PATH_ORDER}, files 0644 or 0755, symlinks 0777, time 0, owner 0:0 with no
 * names, long or non-ASCII names in PAX headers. So the same tree uploaded as zip or as tar.gz, in
 * any order, with any times and owners, has the same digest.
 */
public final class CanonicalArchive {
  private static final FileTime EPOCH = FileTime.fromMillis(0);
  private static final int FILE_MODE = 0644;
  private static final int EXECUTABLE_MODE = 0755;
  private static final int SYMLINK_MODE = 0777;

  private CanonicalArchive() {}

  /** The canonical tar of the tree. */
  public static byte[] tar(SourceTree tree) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      writeTar(tree, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Writing a tar to memory failed", e);
    }
    return bytes.toByteArray();
  }

  /** Writes the canonical tar of the tree to {@code out}, which is left open. */
  public static void writeTar(SourceTree tree, OutputStream out) throws IOException {
    TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new Unclosable(out), StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
    try (tar) {
      for (SourceEntry entry : tree.entries()) {
        tar.putArchiveEntry(header(entry));
        if (entry.isFile()) {
          entry.openContent().transferTo(tar);
        }
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
  }

  /** {@code sha256:} and the hex SHA-256 of the tree's canonical tar. */
  public static String digest(SourceTree tree) {
    MessageDigest sha256 = sha256();
    try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
      writeTar(tree, out);
    } catch (IOException e) {
      throw new UncheckedIOException("Hashing a tar failed", e);
    }
    return "sha256:" + HexFormat.of().formatHex(sha256.digest());
  }

  /** Gzip with a fixed header (no name, time 0), so the same tar always gives the same bytes. */
  public static byte[] gzip(byte[] tar) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(tar.length / 4 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(tar);
    } catch (IOException e) {
      throw new UncheckedIOException("Compressing in memory failed", e);
    }
    return bytes.toByteArray();
  }

  /** The gzipped canonical tar, what a download of the tree returns. */
  public static byte[] tarGz(SourceTree tree) {
    return gzip(tar(tree));
  }

  private static TarArchiveEntry header(SourceEntry entry) {
    TarArchiveEntry header =
        new TarArchiveEntry(
            entry.path(), entry.isFile() ? TarConstants.LF_NORMAL : TarConstants.LF_SYMLINK, true);
    if (entry.isFile()) {
      header.setMode(entry.executable() ? EXECUTABLE_MODE : FILE_MODE);
      header.setSize(entry.size());
    } else {
      header.setMode(SYMLINK_MODE);
      header.setLinkName(entry.linkTarget());
    }
    header.setModTime(EPOCH);
    header.setUserId(0);
    header.setGroupId(0);
    header.setUserName("");
    header.setGroupName("");
    return header;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  /** Keeps the caller's stream open when the tar stream closes. */
  private static final class Unclosable extends FilterOutputStream {
    Unclosable(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
