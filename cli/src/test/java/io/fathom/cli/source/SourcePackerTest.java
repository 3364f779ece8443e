package io.fathom.cli.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcePackerTest {
  @TempDir Path src;

  @Test
  void pack_keepsFilesAndTheExecutableBit_andSkipsIgnoredDirectories() throws Exception {
    write("func.yaml", "name: test");
    write("function/func.py", "def main(): pass");
    write("run.sh", "#!/bin/sh");
    Files.setPosixFilePermissions(
        src.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    write(".git/HEAD", "ref");
    write("function/__pycache__/func.cpython-310.pyc", "x");
    write("node_modules/a/index.js", "x");
    write(".venv/bin/python", "x");
    write("target/classes/A.class", "x");

    PackedSource packed = SourcePacker.pack(src);

    Map<String, TarArchiveEntry> entries = entries(packed.archive());
    assertThat(entries).containsOnlyKeys("func.yaml", "function/", "function/func.py", "run.sh");
    assertThat(entries.get("run.sh").getMode() & 0777).isEqualTo(0755);
    assertThat(entries.get("func.yaml").getMode() & 0777).isEqualTo(0644);
    assertThat(packed.fileCount()).isEqualTo(3);
  }

  @Test
  void pack_honoursFathomIgnore() throws Exception {
    write(".fathomignore", "*.log\n# comment\ndata/\n");
    write("main.go", "package main");
    write("debug.log", "x");
    write("data/big.csv", "x");

    Map<String, TarArchiveEntry> entries = entries(SourcePacker.pack(src).archive());

    assertThat(entries).containsOnlyKeys(".fathomignore", "main.go");
  }

  @Test
  void pack_keepsSymbolicLinksAsLinks() throws Exception {
    write("lib/real.py", "x");
    Files.createSymbolicLink(src.resolve("alias.py"), Path.of("lib/real.py"));

    Map<String, TarArchiveEntry> entries = entries(SourcePacker.pack(src).archive());

    assertThat(entries.get("alias.py").isSymbolicLink()).isTrue();
    assertThat(entries.get("alias.py").getLinkName()).isEqualTo("lib/real.py");
  }

  @Test
  void pack_thenExtract_roundTrips() throws Exception {
    write("a/b/c.txt", "hello");
    write("bin/tool", "#!/bin/sh");
    Files.setPosixFilePermissions(
        src.resolve("bin/tool"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Path out = src.resolveSibling(src.getFileName() + "-out");

    ExtractedSource extracted = SourceExtractor.extract(SourcePacker.pack(src).archive(), out);

    assertThat(extracted.fileCount()).isEqualTo(2);
    assertThat(Files.readString(out.resolve("a/b/c.txt"))).isEqualTo("hello");
    assertThat(Files.isExecutable(out.resolve("bin/tool"))).isTrue();
    assertThat(Files.isExecutable(out.resolve("a/b/c.txt"))).isFalse();
  }

  private void write(String path, String content) throws Exception {
    Path file = src.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  static Map<String, TarArchiveEntry> entries(byte[] archive) throws Exception {
    Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(
            new GzipCompressorInputStream(new ByteArrayInputStream(archive)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        entries.put(entry.getName(), entry);
      }
    }
    return entries;
  }
}
