package io.fathom.controlplane.source.archive;

import static io.fathom.controlplane.source.archive.ArchiveReaderTest.read;
import static io.fathom.controlplane.source.archive.ArchiveReaderTest.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fathom.controlplane.source.archive.ArchiveReaderTest.Crafted;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Limits are enforced while reading, and unreadable input is refused as malformed. */
class ArchiveReaderLimitsTest {
  private static final int MIB = 1 << 20;

  @ParameterizedTest
  @EnumSource(ArchiveFormat.class)
  void read_rejectsMoreFilesThanTheLimit(ArchiveFormat format) {
    Crafted crafted = Crafted.of(format);
    for (int i = 0; i < 4; i++) {
      crafted.file("f" + i + ".txt", "x");
    }

    ArchiveRejectedException rejected = rejection(crafted.bytes(), format, limits(3, 1000, 100));

    assertThat(rejected.code()).isEqualTo("archive-too-many-files");
    assertThat(rejected).hasMessageContaining("3 files").hasMessageContaining("'f3.txt'");
  }

  @Test
  void read_acceptsExactlyTheFileLimit() throws Exception {
    byte[] archive = Crafted.tarGz().file("a", "x").file("b", "y").symlink("c", "a").bytes();

    assertThat(read(archive, ArchiveFormat.TAR_GZ, limits(3, 1000, 100)).size()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(ArchiveFormat.class)
  void read_rejectsFileOverThePerFileLimit(ArchiveFormat format) {
    byte[] archive = Crafted.of(format).file("small", "x").file("big", new byte[101], 0644).bytes();

    ArchiveRejectedException rejected = rejection(archive, format, limits(10, 1000, 100));

    assertThat(rejected.code()).isEqualTo("archive-too-large");
    assertThat(rejected).hasMessageContaining("'big'").hasMessageContaining("100 bytes per file");
  }

  @ParameterizedTest
  @EnumSource(ArchiveFormat.class)
  void read_rejectsFilesAddingUpToMoreThanTheTotalLimit(ArchiveFormat format) {
    Crafted crafted = Crafted.of(format);
    for (int i = 0; i < 11; i++) {
      crafted.file("f" + i, new byte[100], 0644);
    }

    ArchiveRejectedException rejected = rejection(crafted.bytes(), format, limits(20, 1000, 100));

    assertThat(rejected.code()).isEqualTo("archive-too-large");
    assertThat(rejected).hasMessageContaining("1000 bytes").hasMessageContaining("'f10'");
  }

  @Test
  void read_countsHardLinkCopiesTowardsTheTotal() {
    byte[] archive = Crafted.tarGz().file("a", new byte[600], 0644).hardLink("b", "a").bytes();

    assertThat(rejection(archive, ArchiveFormat.TAR_GZ, limits(10, 1000, 1000)).code())
        .isEqualTo("archive-too-large");
  }

  @Test
  void read_stopsReadingAsSoonAsALimitIsCrossed() throws Exception {
    byte[] noise = new byte[8 * MIB];
    new Random(42).nextBytes(noise);
    byte[] archive = Crafted.tarGz().file("noise.bin", noise, 0644).bytes();
    CountingInputStream upload = new CountingInputStream(new ByteArrayInputStream(archive));

    ArchiveRejectedException rejected =
        catchThrowableOfType(
            ArchiveRejectedException.class,
            () ->
                new ArchiveReader().read(upload, ArchiveFormat.TAR_GZ, limits(10, MIB, 64 * 1024)));

    assertThat(rejected.code()).isEqualTo("archive-too-large");
    assertThat(upload.count()).isLessThan(MIB);
  }

  @ParameterizedTest
  @EnumSource(
      value = ArchiveFormat.class,
      names = {"TAR_GZ", "ZIP"})
  void read_rejectsCompressionBomb(ArchiveFormat format) {
    byte[] archive = Crafted.of(format).file("zeros.bin", new byte[16 * MIB], 0644).bytes();

    ArchiveRejectedException rejected = rejection(archive, format);

    assertThat(rejected.code()).isEqualTo("archive-compression-ratio");
    assertThat(rejected).hasMessageContaining("100 times").hasMessageContaining("bomb");
  }

  @Test
  void read_rejectsBombSpreadOverManyEntries() {
    Crafted crafted = Crafted.zip();
    for (int i = 0; i < 40; i++) {
      crafted.file("zeros-" + i, new byte[64 * 1024], 0644);
    }

    assertThat(rejection(crafted.bytes(), ArchiveFormat.ZIP, limits(100, 64 * MIB, MIB)).code())
        .isEqualTo("archive-compression-ratio");
  }

  @ParameterizedTest
  @EnumSource(ArchiveFormat.class)
  void read_rejectsArchiveWithNoFiles(ArchiveFormat format) {
    byte[] archive = Crafted.of(format).dir("src/").dir("src/empty/").bytes();

    ArchiveRejectedException rejected = rejection(archive, format);

    assertThat(rejected.code()).isEqualTo("archive-empty");
  }

  @ParameterizedTest
  @EnumSource(ArchiveFormat.class)
  void read_rejectsGarbage(ArchiveFormat format) {
    byte[] garbage = new byte[4096];
    new Random(7).nextBytes(garbage);

    ArchiveRejectedException rejected = rejection(garbage, format);

    assertThat(rejected.code()).isEqualTo("archive-malformed");
    assertThat(rejected).hasMessageContaining("not a valid " + format.displayName());
  }

  @ParameterizedTest
  @EnumSource(ArchiveFormat.class)
  void read_rejectsEmptyUpload(ArchiveFormat format) {
    ArchiveRejectedException rejected = rejection(new byte[0], format);

    assertThat(rejected.code()).isIn("archive-malformed", "archive-empty");
  }

  @ParameterizedTest
  @EnumSource(ArchiveFormat.class)
  void read_rejectsTruncatedArchive(ArchiveFormat format) {
    byte[] noise = new byte[64 * 1024];
    new Random(1).nextBytes(noise);
    byte[] archive = Crafted.of(format).file("a.bin", noise, 0644).file("b.txt", "x").bytes();
    byte[] truncated = Arrays.copyOf(archive, archive.length / 2);

    ArchiveRejectedException rejected = rejection(truncated, format);

    assertThat(rejected.code()).isEqualTo("archive-malformed");
    assertThat(rejected).hasMessageContaining("complete");
  }

  @Test
  void read_rejectsGzipWithBrokenTrailer() {
    byte[] archive = Crafted.tarGz().file("a.txt", "hello").bytes();
    archive[archive.length - 5] ^= 0x01; // a bit of the CRC-32 in the trailer

    assertThat(rejection(archive, ArchiveFormat.TAR_GZ).code()).isEqualTo("archive-malformed");
  }

  @Test
  void read_rejectsZipDeclaredAsTarGz() {
    byte[] zip = Crafted.zip().file("a.txt", "x").bytes();

    ArchiveRejectedException rejected = rejection(zip, ArchiveFormat.TAR_GZ);

    assertThat(rejected.code()).isEqualTo("archive-malformed");
    assertThat(rejected).hasMessageContaining("Content-Type");
  }

  @Test
  void read_rejectsTarGzDeclaredAsZip() {
    byte[] tarGz = Crafted.tarGz().file("a.txt", "x").bytes();

    assertThat(rejection(tarGz, ArchiveFormat.ZIP).code()).isEqualTo("archive-malformed");
  }

  private static ArchiveLimits limits(int files, long total, long perFile) {
    return new ArchiveLimits(files, total, perFile, 100);
  }
}
