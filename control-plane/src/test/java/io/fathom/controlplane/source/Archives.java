package io.fathom.controlplane.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds archives for upload tests, including hostile ones. */
public final class Archives {
  private Archives() {}

  public static byte[] tarGz(Map<String, String> files) {
    return tarGz(tar -> files.forEach((path, content) -> file(tar, path, content, 0644)));
  }

  static byte[] tarGz(Consumer<TarArchiveOutputStream> writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      writer.accept(tar);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static void file(TarArchiveOutputStream tar, String path, String content, int mode) {
    entry(tar, new TarArchiveEntry(path, true), content.getBytes(StandardCharsets.UTF_8), mode);
  }

  static void entry(TarArchiveOutputStream tar, TarArchiveEntry entry, byte[] content, int mode) {
    try {
      entry.setMode(mode);
      entry.setSize(content.length);
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] zip(Map<String, byte[]> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
      for (var e : files.entrySet()) {
        ZipArchiveEntry entry = new ZipArchiveEntry(e.getKey());
        entry.setUnixMode(0100644);
        zip.putArchiveEntry(entry);
        zip.write(e.getValue());
        zip.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
