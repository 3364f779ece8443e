package io.fathom.controlplane.source.archive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiveFormatTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "application/gzip | TAR_GZ",
        "application/x-gzip | TAR_GZ",
        "application/x-tar+gzip | TAR_GZ",
        "application/zip | ZIP",
        "application/x-zip-compressed | ZIP",
        "application/x-tar | TAR",
        "Application/GZIP | TAR_GZ",
        "application/zip; charset=binary | ZIP",
        "  application/gzip ;foo=bar | TAR_GZ",
      })
  void fromContentType_mapsArchiveTypes(String contentType, ArchiveFormat expected) {
    assertThat(ArchiveFormat.fromContentType(contentType)).contains(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"application/json", "text/plain", "application/octet-stream", ";"})
  void fromContentType_isEmptyForOtherTypes(String contentType) {
    assertThat(ArchiveFormat.fromContentType(contentType)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"TAR_GZ, tar.gz, application/gzip", "ZIP, zip, application/zip"})
  void namesAndMediaTypes(ArchiveFormat format, String displayName, String mediaType) {
    assertThat(format.displayName()).isEqualTo(displayName);
    assertThat(format.mediaType()).isEqualTo(mediaType);
    assertThat(ArchiveFormat.fromContentType(mediaType)).contains(format);
  }
}
