package io.fathom.controlplane.source.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ArchiveReaderTest {

  @TempDir Path tempDir;

  @ParameterizedTest
  @EnumSource(ArchiveFormat.class)
  void read_keepsFilesSortedByPathWithTheirContent(ArchiveFormat format) throws Exception {
    byte[] archive =
        Crafted.of(format)
            .file("src/main.py", "print('hi')\n")
            .file("README.md", "# fn\n")
            .file("requirements.txt", "")
            .bytes();

    SourceTree tree = read(archive, format);

    assertThat(tree.entries())
        .extracting(SourceEntry::path)
        .containsExactly("README.md", "requirements.txt", "src/main.py");
    assertThat(tree.find("src/main.py").orElseThrow().content())
        .isEqualTo("print('hi')\n".getBytes(UTF_8));
    assertThat(tree.find("requirements.txt").orElseThrow().size()).isZero();
    assertThat(tree.fileCount()).isEqualTo(3);
    assertThat(tree.totalBytes()).isEqualTo(17);
  }

  @Test
  void read_givesTheSameTreeForZipAndTarGz() throws Exception {
    SourceTree fromTar = read(sample(Crafted.tarGz()).bytes(), ArchiveFormat.TAR_GZ);
    SourceTree fromZip = read(sample(Crafted.zip()).bytes(), ArchiveFormat.ZIP);

    assertThat(fromZip).isEqualTo(fromTar);
  }

  @ParameterizedTest
  @EnumSource(ArchiveFormat.class)
  void read_setsExecutableWhenAnyExecuteBitIsSet(ArchiveFormat format) throws Exception {
    byte[] archive =
        Crafted.of(format)
            .file("plain.txt", "x".getBytes(UTF_8), 0644)
            .file("owner.sh", "x".getBytes(UTF_8), 0744)
            .file("group.sh", "x".getBytes(UTF_8), 0614)
            .file("other.sh", "x".getBytes(UTF_8), 0641)
            .bytes();

    SourceTree tree = read(archive, format);

    assertThat(tree.entries())
        .filteredOn(SourceEntry::executable)
        .extracting(SourceEntry::path)
        .containsExactly("group.sh", "other.sh", "owner.sh");
  }

  @Test
  void read_treatsZipEntriesWithoutUnixModeAsNotExecutable() throws Exception {
    SourceTree tree = read(Crafted.zip().file("run.sh", "x").bytes(), ArchiveFormat.ZIP);

    assertThat(tree.find("run.sh").orElseThrow().executable()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(ArchiveFormat.class)
  void read_keepsSymlinksThatStayInsideTheTree(ArchiveFormat format) throws Exception {
    byte[] archive =
        Crafted.of(format)
            .file("lib/util.py", "x")
            .symlink("bin/util.py", "../lib/util.py")
            .symlink("current", "lib")
            .symlink("self", ".")
            .bytes();

    SourceTree tree = read(archive, format);

    assertThat(tree.find("bin/util.py"))
        .hasValueSatisfying(
            link -> {
              assertThat(link.type()).isEqualTo(SourceEntry.Type.SYMLINK);
              assertThat(link.linkTarget()).isEqualTo("../lib/util.py");
              assertThat(link.size()).isZero();
            });
    assertThat(tree.find("current").orElseThrow().linkTarget()).isEqualTo("lib");
    assertThat(tree.fileCount()).isEqualTo(1);
    assertThat(tree.size()).isEqualTo(4);
  }

  @Test
  void read_keepsDanglingSymlinksInsideTheTree() throws Exception {
    SourceTree tree =
        read(
            Crafted.tarGz().file("a.txt", "x").symlink("later", "build/out.txt").bytes(),
            ArchiveFormat.TAR_GZ);

    assertThat(tree.find("later").orElseThrow().linkTarget()).isEqualTo("build/out.txt");
  }

  @Test
  void read_storesHardLinkToEarlierFileAsCopy() throws Exception {
    byte[] archive =
        Crafted.tarGz()
            .file("bin/tool", "#!/bin/sh\n".getBytes(UTF_8), 0755)
            .hardLink("bin/tool-alias", "bin/tool")
            .bytes();

    SourceTree tree = read(archive, ArchiveFormat.TAR_GZ);

    SourceEntry copy = tree.find("bin/tool-alias").orElseThrow();
    assertThat(copy.type()).isEqualTo(SourceEntry.Type.FILE);
    assertThat(copy.content()).isEqualTo("#!/bin/sh\n".getBytes(UTF_8));
    assertThat(copy.executable()).isTrue();
    assertThat(tree.totalBytes()).isEqualTo(20);
  }

  @ParameterizedTest
  @EnumSource(ArchiveFormat.class)
  void read_dropsDirectoryEntriesAndNormalizesNames(ArchiveFormat format) throws Exception {
    byte[] archive =
        Crafted.of(format)
            .dir("./")
            .dir("./src/")
            .file("./src/./app.js", "x")
            .file("src//lib/x.js", "y")
            .dir("empty/")
            .bytes();

    SourceTree tree = read(archive, format);

    assertThat(tree.entries())
        .extracting(SourceEntry::path)
        .containsExactly("src/app.js", "src/lib/x.js");
  }

  @ParameterizedTest
  @EnumSource(ArchiveFormat.class)
  void read_keepsLongAndNonAsciiNames(ArchiveFormat format) throws Exception {
    String longName = "deep/".repeat(40) + "file-with-a-long-name.txt";
    byte[] archive = Crafted.of(format).file(longName, "x").file("données/café ☕.txt", "y").bytes();

    SourceTree tree = read(archive, format);

    assertThat(tree.entries())
        .extracting(SourceEntry::path)
        .containsExactly(longName, "données/café ☕.txt");
  }

  @Test
  void read_skipsTheGlobalPaxHeaderThatGitArchiveWrites() throws Exception {
    TarArchiveEntry global =
        new TarArchiveEntry("pax_global_header", TarConstants.LF_PAX_GLOBAL_EXTENDED_HEADER, true);
    global.addPaxHeader("comment", "0123456789012345678901234567890123456789");
    byte[] archive =
        Crafted.tarGz().raw(global, new byte[0]).file("main.go", "package main\n").bytes();

    SourceTree tree = read(archive, ArchiveFormat.TAR_GZ);

    assertThat(tree.entries()).extracting(SourceEntry::path).containsExactly("main.go");
  }

  @Test
  void read_acceptsSmallArchiveEvenWhenHighlyCompressed() throws Exception {
    byte[] zeros = new byte[512 * 1024];
    byte[] archive = Crafted.zip().file("data.bin", zeros, 0644).bytes();
    assertThat(archive.length * 100L).isLessThan(zeros.length);

    SourceTree tree = read(archive, ArchiveFormat.ZIP);

    assertThat(tree.totalBytes()).isEqualTo(zeros.length);
  }

  @Test
  void read_leavesTheCallersStreamOpen() throws Exception {
    var in = new CloseTrackingStream(Crafted.tarGz().file("a", "x").bytes());

    new ArchiveReader(tempDir).read(in, ArchiveFormat.TAR_GZ, ArchiveLimits.defaults());

    assertThat(in.closed).isFalse();
  }

  @Test
  void read_deletesTheSpooledZipWhetherAcceptedOrRefused() throws Exception {
    ArchiveReader reader = new ArchiveReader(tempDir);
    reader.read(
        new ByteArrayInputStream(Crafted.zip().file("a", "x").bytes()),
        ArchiveFormat.ZIP,
        ArchiveLimits.defaults());
    catchThrowableOfType(
        ArchiveRejectedException.class,
        () ->
            reader.read(
                new ByteArrayInputStream(Crafted.zip().file("../a", "x").bytes()),
                ArchiveFormat.ZIP,
                ArchiveLimits.defaults()));

    assertThat(tempDir).isEmptyDirectory();
  }

  static SourceTree read(byte[] archive, ArchiveFormat format) throws ArchiveRejectedException {
    return read(archive, format, ArchiveLimits.defaults());
  }

  static SourceTree read(byte[] archive, ArchiveFormat format, ArchiveLimits limits)
      throws ArchiveRejectedException {
    return new ArchiveReader().read(new ByteArrayInputStream(archive), format, limits);
  }

  /** The rejection reading this archive gives; fails the test if it is accepted. */
  static ArchiveRejectedException rejection(byte[] archive, ArchiveFormat format) {
    return rejection(archive, format, ArchiveLimits.defaults());
  }

  static ArchiveRejectedException rejection(
      byte[] archive, ArchiveFormat format, ArchiveLimits limits) {
    ArchiveRejectedException rejected =
        catchThrowableOfType(ArchiveRejectedException.class, () -> read(archive, format, limits));
    assertThat(rejected).as("the archive should have been refused").isNotNull();
    return rejected;
  }

  private static Crafted sample(Crafted builder) {
    return builder
        .dir("app/")
        .file("app/handler.py", "def handle(req):\n    return req\n".getBytes(UTF_8), 0644)
        .file("app/run.sh", "#!/bin/sh\nexec python -m app\n".getBytes(UTF_8), 0755)
        .symlink("app/main.py", "handler.py")
        .file("requirements.txt", "requests==2.32.0\n");
  }

  private static final class CloseTrackingStream extends ByteArrayInputStream {
    boolean closed;

    CloseTrackingStream(byte[] bytes) {
      super(bytes);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /**
   * Builds archives in memory, hostile ones included: names are written exactly as given, with no
   * normalization, so each test shows the attack it makes.
   */
  abstract static class Crafted {

    static Crafted of(ArchiveFormat format) {
      return switch (format) {
        case TAR_GZ -> tarGz();
        case TAR -> new CraftedTar(false);
        case ZIP -> zip();
      };
    }

    static CraftedTar tarGz() {
      return new CraftedTar(true);
    }

    static CraftedZip zip() {
      return new CraftedZip();
    }

    Crafted file(String name, String content) {
      return file(name, content.getBytes(UTF_8), 0644);
    }

    abstract Crafted file(String name, byte[] content, int mode);

    abstract Crafted dir(String name);

    abstract Crafted symlink(String name, String target);

    /** An entry of a special Unix file type, such as a FIFO or device. */
    abstract Crafted special(String name, int unixFileType);

    abstract byte[] bytes();
  }

  static final class CraftedTar extends Crafted {
    private final boolean gzipped;
    private final List<TarArchiveEntry> headers = new ArrayList<>();
    private final List<byte[]> contents = new ArrayList<>();

    CraftedTar(boolean gzipped) {
      this.gzipped = gzipped;
    }

    @Override
    CraftedTar file(String name, String content) {
      return file(name, content.getBytes(UTF_8), 0644);
    }

    @Override
    CraftedTar file(String name, byte[] content, int mode) {
      TarArchiveEntry header = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
      header.setMode(mode);
      header.setSize(content.length);
      return raw(header, content);
    }

    @Override
    CraftedTar dir(String name) {
      return raw(new TarArchiveEntry(name, TarConstants.LF_DIR, true), new byte[0]);
    }

    @Override
    CraftedTar symlink(String name, String target) {
      TarArchiveEntry header = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
      header.setLinkName(target);
      return raw(header, new byte[0]);
    }

    CraftedTar hardLink(String name, String target) {
      TarArchiveEntry header = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
      header.setLinkName(target);
      return raw(header, new byte[0]);
    }

    @Override
    CraftedTar special(String name, int unixFileType) {
      byte flag =
          switch (unixFileType) {
            case 0010000 -> TarConstants.LF_FIFO;
            case 0020000 -> TarConstants.LF_CHR;
            case 0060000 -> TarConstants.LF_BLK;
            default -> throw new IllegalArgumentException("no tar type for " + unixFileType);
          };
      return raw(new TarArchiveEntry(name, flag, true), new byte[0]);
    }

    /** An entry with a header the test built itself, and this content. */
    CraftedTar raw(TarArchiveEntry header, byte[] content) {
      if (header.getSize() == 0 && content.length > 0) {
        header.setSize(content.length);
      }
      headers.add(header);
      contents.add(content);
      return this;
    }

    @Override
    byte[] bytes() {
      try {
        ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(tarBytes, "UTF-8")) {
          tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
          for (int i = 0; i < headers.size(); i++) {
            tar.putArchiveEntry(headers.get(i));
            if (!headers.get(i).isGlobalPaxHeader()) {
              tar.write(contents.get(i));
              tar.closeArchiveEntry();
            }
          }
        }
        if (!gzipped) {
          return tarBytes.toByteArray();
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
          tarBytes.writeTo(out);
        }
        return gz.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static final class CraftedZip extends Crafted {
    private final List<ZipArchiveEntry> headers = new ArrayList<>();
    private final List<byte[]> contents = new ArrayList<>();

    @Override
    CraftedZip file(String name, String content) {
      return raw(new ZipArchiveEntry(name), content.getBytes(UTF_8));
    }

    @Override
    CraftedZip file(String name, byte[] content, int mode) {
      ZipArchiveEntry header = new ZipArchiveEntry(name);
      header.setUnixMode(UnixStat.FILE_FLAG | mode);
      return raw(header, content);
    }

    @Override
    CraftedZip dir(String name) {
      return raw(new ZipArchiveEntry(name), new byte[0]);
    }

    @Override
    CraftedZip symlink(String name, String target) {
      ZipArchiveEntry header = new ZipArchiveEntry(name);
      header.setUnixMode(UnixStat.LINK_FLAG | 0777);
      return raw(header, target.getBytes(UTF_8));
    }

    @Override
    CraftedZip special(String name, int unixFileType) {
      ZipArchiveEntry header = new ZipArchiveEntry(name);
      header.setUnixMode(unixFileType | 0644);
      return raw(header, new byte[0]);
    }

    CraftedZip raw(ZipArchiveEntry header, byte[] content) {
      headers.add(header);
      contents.add(content);
      return this;
    }

    @Override
    byte[] bytes() {
      try {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
          for (int i = 0; i < headers.size(); i++) {
            zip.putArchiveEntry(headers.get(i));
            zip.write(contents.get(i));
            zip.closeArchiveEntry();
          }
        }
        return bytes.toByteArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
