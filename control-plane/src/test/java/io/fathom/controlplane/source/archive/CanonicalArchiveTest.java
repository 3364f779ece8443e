package io.fathom.controlplane.source.archive;

import static io.fathom.controlplane.source.archive.ArchiveReaderTest.read;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.controlplane.source.archive.ArchiveReaderTest.Crafted;
import io.fathom.controlplane.source.archive.ArchiveReaderTest.CraftedTar;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

class CanonicalArchiveTest {

  private static final SourceTree TREE =
      SourceTree.of(
          List.of(
              SourceEntry.file("requirements.txt", "requests\n".getBytes(UTF_8), false),
              SourceEntry.file("app/run.sh", "#!/bin/sh\n".getBytes(UTF_8), true),
              SourceEntry.symlink("app/main.py", "handler.py"),
              SourceEntry.file(
                  "app/handler.py", "def handle(r):\n  return r\n".getBytes(UTF_8), false),
              SourceEntry.file("deep/".repeat(30) + "long-name.txt", new byte[0], false),
              SourceEntry.file("données/é.txt", "é".getBytes(UTF_8), false)));

  @Test
  void tar_roundTripsThroughTheReader() throws Exception {
    byte[] tarGz = CanonicalArchive.gzip(CanonicalArchive.tar(TREE));

    assertThat(read(tarGz, ArchiveFormat.TAR_GZ)).isEqualTo(TREE);
    assertThat(read(CanonicalArchive.tar(TREE), ArchiveFormat.TAR)).isEqualTo(TREE);
    assertThat(CanonicalArchive.tarGz(TREE)).isEqualTo(tarGz);
  }

  @Test
  void tar_writesSortedEntriesWithFixedModesTimesAndOwners() throws Exception {
    List<TarArchiveEntry> headers = new ArrayList<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(
            new ByteArrayInputStream(CanonicalArchive.tar(TREE)), UTF_8.name())) {
      for (TarArchiveEntry header; (header = tar.getNextEntry()) != null; ) {
        headers.add(header);
      }
    }

    assertThat(headers)
        .extracting(TarArchiveEntry::getName)
        .containsExactly(
            "app/handler.py",
            "app/main.py",
            "app/run.sh",
            "deep/".repeat(30) + "long-name.txt",
            "données/é.txt",
            "requirements.txt");
    assertThat(headers)
        .extracting(TarArchiveEntry::getMode)
        .containsExactly(0644, 0777, 0755, 0644, 0644, 0644);
    assertThat(headers)
        .allSatisfy(
            header -> {
              assertThat(header.getModTime().getTime()).isZero();
              assertThat(header.getLongUserId()).isZero();
              assertThat(header.getLongGroupId()).isZero();
              assertThat(header.getUserName()).isEmpty();
              assertThat(header.getGroupName()).isEmpty();
            });
    assertThat(headers.get(1).getLinkFlag()).isEqualTo(TarConstants.LF_SYMLINK);
    assertThat(headers.get(1).getLinkName()).isEqualTo("handler.py");
  }

  @Test
  void tar_isTheSameBytesEveryTime() {
    assertThat(CanonicalArchive.tar(TREE)).isEqualTo(CanonicalArchive.tar(TREE));
  }

  @Test
  void digest_isSha256OfTheCanonicalTar() throws Exception {
    String expected =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(CanonicalArchive.tar(TREE)));

    assertThat(CanonicalArchive.digest(TREE)).isEqualTo("sha256:" + expected);
  }

  @Test
  void digest_isTheSameForZipAndTarGzOfOneTree() throws Exception {
    SourceTree fromTarGz = read(sample(Crafted.tarGz()).bytes(), ArchiveFormat.TAR_GZ);
    SourceTree fromZip = read(sample(Crafted.zip()).bytes(), ArchiveFormat.ZIP);

    assertThat(CanonicalArchive.digest(fromZip)).isEqualTo(CanonicalArchive.digest(fromTarGz));
  }

  @Test
  void digest_ignoresOrderModesTimesAndOwnersOfTheUpload() throws Exception {
    CraftedTar first = Crafted.tarGz();
    first.raw(header("b.txt", 0640, 1_700_000_000_000L, "alice", 1000), "b".getBytes(UTF_8));
    first.raw(header("a/run.sh", 0700, 1_600_000_000_000L, "alice", 1000), "a".getBytes(UTF_8));
    CraftedTar second = Crafted.tarGz();
    second.dir("a/");
    second.raw(header("./a/run.sh", 0755, 0L, "root", 0), "a".getBytes(UTF_8));
    second.raw(header("b.txt", 0664, 42_000L, "bob", 501), "b".getBytes(UTF_8));

    String firstDigest = CanonicalArchive.digest(read(first.bytes(), ArchiveFormat.TAR_GZ));
    String secondDigest = CanonicalArchive.digest(read(second.bytes(), ArchiveFormat.TAR_GZ));

    assertThat(firstDigest).isEqualTo(secondDigest);
  }

  @Test
  void digest_changesWithContentPathExecutableBitOrLinkTarget() {
    String base = CanonicalArchive.digest(tree(SourceEntry.file("a", new byte[] {1}, false)));

    assertThat(
            List.of(
                CanonicalArchive.digest(tree(SourceEntry.file("a", new byte[] {2}, false))),
                CanonicalArchive.digest(tree(SourceEntry.file("b", new byte[] {1}, false))),
                CanonicalArchive.digest(tree(SourceEntry.file("a", new byte[] {1}, true))),
                CanonicalArchive.digest(tree(SourceEntry.symlink("a", "x")))))
        .doesNotContain(base)
        .doesNotHaveDuplicates();
  }

  @Test
  void gzip_isTheSameBytesEveryTimeWithNoNameAndNoTime() {
    byte[] tar = CanonicalArchive.tar(TREE);

    byte[] first = CanonicalArchive.gzip(tar);
    byte[] second = CanonicalArchive.gzip(tar);

    assertThat(first).isEqualTo(second);
    assertThat(first[0] & 0xff).isEqualTo(0x1f);
    assertThat(first[1] & 0xff).isEqualTo(0x8b);
    assertThat(first[3]).as("flags: no file name, comment or extra field").isZero();
    assertThat(new byte[] {first[4], first[5], first[6], first[7]}).as("mtime").containsOnly(0);
  }

  private static Crafted sample(Crafted builder) {
    return builder
        .file("src/app.js", "module.exports = 1;\n".getBytes(UTF_8), 0644)
        .file("bin/start", "#!/bin/sh\n".getBytes(UTF_8), 0775)
        .symlink("index.js", "src/app.js");
  }

  private static TarArchiveEntry header(
      String name, int mode, long mtimeMillis, String user, int uid) {
    TarArchiveEntry header = new TarArchiveEntry(name, true);
    header.setMode(mode);
    header.setModTime(mtimeMillis);
    header.setUserName(user);
    header.setGroupName(user);
    header.setUserId(uid);
    header.setGroupId(uid);
    return header;
  }

  private static SourceTree tree(SourceEntry... entries) {
    return SourceTree.of(List.of(entries));
  }
}
