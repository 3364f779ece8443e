package io.fathom.cli.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceExtractorTest {
  @TempDir Path tmp;

  @Test
  void extract_refusesParentSegments_andWritesNothing() throws Exception {
    byte[] archive = archive(file("ok.txt", 0644), file("../escape.txt", 0644));
    Path target = tmp.resolve("out");

    assertThatThrownBy(() -> SourceExtractor.extract(archive, target))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("'../escape.txt'");
    assertThat(tmp.resolve("escape.txt")).doesNotExist();
    assertThat(target).doesNotExist();
  }

  @Test
  void extract_refusesAbsoluteEntries() throws Exception {
    byte[] archive = archive(file("/tmp/evil.txt", 0644));

    assertThatThrownBy(() -> SourceExtractor.extract(archive, tmp.resolve("out")))
        .isInstanceOf(UnsafeArchiveException.class)
        .hasMessageContaining("absolute path");
  }

  @Test
  void extract_refusesLinksLeavingTheDirectory() throws Exception {
    byte[] archive = archive(link("etc", "/etc"));
    byte[] relative = archive(link("up", "../../x"));

    assertThatThrownBy(() -> SourceExtractor.extract(archive, tmp.resolve("a")))
        .hasMessageContaining("leaves the directory");
    assertThatThrownBy(() -> SourceExtractor.extract(relative, tmp.resolve("b")))
        .hasMessageContaining("leaves the directory");
  }

  @Test
  void extract_refusesEntriesBelowALink() throws Exception {
    byte[] archive = archive(link("d", "."), link("d/e", "../x"));

    assertThatThrownBy(() -> SourceExtractor.extract(archive, tmp.resolve("out")))
        .hasMessageContaining("below the link 'd'");
  }

  @Test
  void extract_refusesHardLinksAndDevices() throws Exception {
    TarArchiveEntry hard = new TarArchiveEntry("h", TarConstants.LF_LINK);
    hard.setLinkName("ok.txt");

    assertThatThrownBy(() -> SourceExtractor.extract(archive(hard), tmp.resolve("out")))
        .hasMessageContaining("only files, directories and symbolic links");
  }

  @Test
  void extract_writesFilesLinksAndModes() throws Exception {
    byte[] archive =
        archive(file("./func.yaml", 0644), file("bin/run", 0755), link("alias", "bin/run"));
    Path target = tmp.resolve("out");

    ExtractedSource extracted = SourceExtractor.extract(archive, target);

    assertThat(extracted.fileCount()).isEqualTo(3);
    assertThat(Files.readString(target.resolve("func.yaml"))).isEqualTo("content of ./func.yaml");
    assertThat(Files.isExecutable(target.resolve("bin/run"))).isTrue();
    assertThat(Files.readSymbolicLink(target.resolve("alias"))).isEqualTo(Path.of("bin/run"));
  }

  private static TarArchiveEntry file(String name, int mode) {
    TarArchiveEntry entry = new TarArchiveEntry(name, true);
    entry.setMode(0100000 | mode);
    entry.setSize(("content of " + name).length());
    return entry;
  }

  private static TarArchiveEntry link(String name, String target) {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
    entry.setLinkName(target);
    return entry;
  }

  /** A tar.gz of {@code entries}, written without the library's own name checks. */
  private static byte[] archive(TarArchiveEntry... entries) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (TarArchiveEntry entry : entries) {
        tar.putArchiveEntry(entry);
        if (entry.isFile() && !entry.isSymbolicLink() && !entry.isLink()) {
          tar.write(("content of " + entry.getName()).getBytes(StandardCharsets.UTF_8));
        }
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }
}
