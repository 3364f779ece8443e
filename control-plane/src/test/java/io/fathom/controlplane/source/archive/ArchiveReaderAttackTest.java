package io.fathom.controlplane.source.archive;

import static io.fathom.controlplane.source.archive.ArchiveReaderTest.read;
import static io.fathom.controlplane.source.archive.ArchiveReaderTest.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.controlplane.source.archive.ArchiveReaderTest.Crafted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each hostile archive is refused whole, with a stable code and a message naming the entry. */
class ArchiveReaderAttackTest {

  @ParameterizedTest
  @EnumSource(ArchiveFormat.class)
  void read_rejectsAbsolutePath(ArchiveFormat format) {
    byte[] archive =
        Crafted.of(format).file("ok.txt", "x").file("/etc/passwd", "root::0:0").bytes();

    ArchiveRejectedException rejected = rejection(archive, format);

    assertThat(rejected.code()).isEqualTo("archive-absolute-path");
    assertThat(rejected).hasMessageContaining("'/etc/passwd'").hasMessageContaining("relative");
  }

  @ParameterizedTest
  @ValueSource(strings = {"C:\\Windows\\evil.dll", "c:/evil.dll", "\\evil", "\\\\server\\share\\x"})
  void read_rejectsWindowsAbsolutePath(String name) {
    byte[] archive = Crafted.tarGz().file(name, "x").bytes();

    assertThat(rejection(archive, ArchiveFormat.TAR_GZ).code()).isEqualTo("archive-absolute-path");
  }

  @ParameterizedTest
  @CsvSource({
    "TAR_GZ, ../evil.sh",
    "ZIP, ../evil.sh",
    "TAR_GZ, a/../../evil.sh",
    "ZIP, a/../../evil.sh",
    "TAR_GZ, a/b/../../../evil.sh",
    "TAR_GZ, ./../evil.sh",
    "TAR_GZ, a/..",
  })
  void read_rejectsPathTraversal(ArchiveFormat format, String name) {
    byte[] archive = Crafted.of(format).file(name, "x").bytes();

    ArchiveRejectedException rejected = rejection(archive, format);

    assertThat(rejected.code()).isEqualTo("archive-path-traversal");
    assertThat(rejected).hasMessageContaining("'" + name + "'").hasMessageContaining("'..'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"..\\..\\evil.sh", "a\\..\\..\\evil.sh", "a/..\\..\\evil.sh"})
  void read_rejectsBackslashSeparatedTraversal(String name) {
    byte[] archive = Crafted.tarGz().file(name, "x").bytes();

    assertThat(rejection(archive, ArchiveFormat.TAR_GZ).code()).isEqualTo("archive-path-traversal");
  }

  @Test
  void read_rejectsDotDotEvenWhenThePathStaysInside() {
    byte[] archive = Crafted.tarGz().file("a/../b.txt", "x").bytes();

    assertThat(rejection(archive, ArchiveFormat.TAR_GZ).code()).isEqualTo("archive-path-traversal");
  }

  @Test
  void read_rejectsTraversalInDirectoryEntries() {
    byte[] archive = Crafted.tarGz().dir("../outside/").file("a.txt", "x").bytes();

    assertThat(rejection(archive, ArchiveFormat.TAR_GZ).code()).isEqualTo("archive-path-traversal");
  }

  @ParameterizedTest
  @EnumSource(ArchiveFormat.class)
  void read_rejectsSymlinkWithAbsoluteTarget(ArchiveFormat format) {
    byte[] archive = Crafted.of(format).symlink("passwd", "/etc/passwd").bytes();

    ArchiveRejectedException rejected = rejection(archive, format);

    assertThat(rejected.code()).isEqualTo("archive-link-escape");
    assertThat(rejected).hasMessageContaining("'passwd'").hasMessageContaining("'/etc/passwd'");
  }

  @ParameterizedTest
  @CsvSource({
    "TAR_GZ, link, ..",
    "ZIP, link, ../secret",
    "TAR_GZ, a/b/link, ../../../etc/passwd",
    "ZIP, a/b/link, ../../../etc/passwd",
    "TAR_GZ, a/link, b/../../..",
    "TAR_GZ, link, ..\\..\\etc\\passwd",
  })
  void read_rejectsSymlinkClimbingOutOfTheTree(ArchiveFormat format, String link, String target) {
    byte[] archive = Crafted.of(format).file("a/b/c.txt", "x").symlink(link, target).bytes();

    ArchiveRejectedException rejected = rejection(archive, format);

    assertThat(rejected.code()).isEqualTo("archive-link-escape");
    assertThat(rejected).hasMessageContaining("'" + link + "'").hasMessageContaining("outside");
  }

  @Test
  void read_rejectsSymlinkThatEscapesThroughAnotherSymlink() {
    // Read as text, "a/b/up/.." is "a/b"; on disk "a/b/up" is the root, so ".." leaves the tree.
    byte[] archive =
        Crafted.tarGz()
            .file("a/b/c.txt", "x")
            .symlink("a/b/up", "../..")
            .symlink("escape", "a/b/up/..")
            .bytes();

    ArchiveRejectedException rejected = rejection(archive, ArchiveFormat.TAR_GZ);

    assertThat(rejected.code()).isEqualTo("archive-link-escape");
    assertThat(rejected).hasMessageContaining("'escape'");
  }

  @Test
  void read_rejectsSymlinkLoop() {
    byte[] archive = Crafted.tarGz().symlink("a", "b").symlink("b", "a").bytes();

    ArchiveRejectedException rejected = rejection(archive, ArchiveFormat.TAR_GZ);

    assertThat(rejected.code()).isEqualTo("archive-link-escape");
    assertThat(rejected).hasMessageContaining("loop");
  }

  @Test
  void read_rejectsFileWrittenThroughASymlink() {
    byte[] archive =
        Crafted.tarGz()
            .file("sub/a.txt", "x")
            .symlink("link", "sub")
            .file("link/b.txt", "y")
            .bytes();

    ArchiveRejectedException rejected = rejection(archive, ArchiveFormat.TAR_GZ);

    assertThat(rejected.code()).isEqualTo("archive-path-conflict");
    assertThat(rejected).hasMessageContaining("'link/b.txt'").hasMessageContaining("symlink");
  }

  @ParameterizedTest
  @EnumSource(ArchiveFormat.class)
  void read_rejectsFileUsedAsDirectory(ArchiveFormat format) {
    byte[] archive = Crafted.of(format).file("a", "x").file("a/b", "y").bytes();

    assertThat(rejection(archive, format).code()).isEqualTo("archive-path-conflict");
  }

  @Test
  void read_rejectsPathThatIsBothDirectoryAndFile() {
    byte[] archive = Crafted.tarGz().dir("a/").file("a", "x").bytes();

    assertThat(rejection(archive, ArchiveFormat.TAR_GZ).code()).isEqualTo("archive-path-conflict");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/etc/passwd", "../outside.txt", "a/../../outside.txt"})
  void read_rejectsHardLinkOutsideTheTree(String target) {
    byte[] archive = Crafted.tarGz().file("a.txt", "x").hardLink("link", target).bytes();

    ArchiveRejectedException rejected = rejection(archive, ArchiveFormat.TAR_GZ);

    assertThat(rejected.code()).isEqualTo("archive-link-escape");
    assertThat(rejected).hasMessageContaining("'link'").hasMessageContaining("outside");
  }

  @Test
  void read_rejectsHardLinkToEntryNotInTheArchive() {
    byte[] archive = Crafted.tarGz().file("a.txt", "x").hardLink("link", "missing.txt").bytes();

    ArchiveRejectedException rejected = rejection(archive, ArchiveFormat.TAR_GZ);

    assertThat(rejected.code()).isEqualTo("archive-link-escape");
    assertThat(rejected).hasMessageContaining("'missing.txt'").hasMessageContaining("earlier");
  }

  @Test
  void read_rejectsHardLinkToEntryThatComesLater() {
    byte[] archive = Crafted.tarGz().hardLink("link", "a.txt").file("a.txt", "x").bytes();

    assertThat(rejection(archive, ArchiveFormat.TAR_GZ).code()).isEqualTo("archive-link-escape");
  }

  @Test
  void read_rejectsHardLinkCopyOfSymlinkThatEscapesFromItsNewPlace() {
    byte[] archive =
        Crafted.tarGz()
            .file("a/b.txt", "x")
            .symlink("a/link", "../a/b.txt")
            .hardLink("link-copy", "a/link")
            .bytes();

    assertThat(rejection(archive, ArchiveFormat.TAR_GZ).code()).isEqualTo("archive-link-escape");
  }

  @ParameterizedTest
  @CsvSource({
    "TAR_GZ, 0010000, FIFO",
    "TAR_GZ, 0020000, character device",
    "TAR_GZ, 0060000, block device",
    "ZIP, 0010000, FIFO",
    "ZIP, 0020000, character device",
    "ZIP, 0060000, block device",
    "ZIP, 0140000, socket",
  })
  void read_rejectsSpecialFiles(ArchiveFormat format, String octalType, String kind) {
    int type = Integer.parseInt(octalType, 8);
    byte[] archive = Crafted.of(format).file("a.txt", "x").special("dev/thing", type).bytes();

    ArchiveRejectedException rejected = rejection(archive, format);

    assertThat(rejected.code()).isEqualTo("archive-special-file");
    assertThat(rejected).hasMessageContaining("'dev/thing'").hasMessageContaining(kind);
  }

  @ParameterizedTest
  @EnumSource(ArchiveFormat.class)
  void read_rejectsTheSamePathTwice(ArchiveFormat format) {
    byte[] archive = Crafted.of(format).file("a.txt", "first").file("a.txt", "second").bytes();

    ArchiveRejectedException rejected = rejection(archive, format);

    assertThat(rejected.code()).isEqualTo("archive-duplicate-path");
    assertThat(rejected).hasMessageContaining("'a.txt'");
  }

  @Test
  void read_rejectsTheSamePathTwiceOnceNormalized() {
    byte[] archive = Crafted.tarGz().file("src/a.txt", "x").symlink("./src//a.txt", "b").bytes();

    assertThat(rejection(archive, ArchiveFormat.TAR_GZ).code()).isEqualTo("archive-duplicate-path");
  }

  @Test
  void read_rejectsControlCharactersInNames() {
    byte[] archive = Crafted.tarGz().file("evil\nname.txt", "x").bytes();

    ArchiveRejectedException rejected = rejection(archive, ArchiveFormat.TAR_GZ);

    assertThat(rejected.code()).isEqualTo("archive-malformed");
    assertThat(rejected).hasMessageContaining("evil\\u000aname.txt");
  }

  @Test
  void read_acceptsTheSameNamesWhenTheyAreSafe() throws Exception {
    SourceTree tree =
        read(
            Crafted.tarGz().file("a/b/c.txt", "x").symlink("a/b/up", "../..").bytes(),
            ArchiveFormat.TAR_GZ);

    assertThat(tree.find("a/b/up")).isPresent();
  }
}
