package io.fathom.controlplane.blob;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlobKeyTest {
  private static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void of_isTheSha256OfTheBytes() {
    assertThat(BlobKey.of(new byte[0]).hex()).isEqualTo(EMPTY_SHA256);
    assertThat(BlobKey.of("abc".getBytes(UTF_8)).hex())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void parse_acceptsBareHexAndSha256Digest() {
    assertThat(BlobKey.parse(EMPTY_SHA256)).isEqualTo(new BlobKey(EMPTY_SHA256));
    assertThat(BlobKey.parse("sha256:" + EMPTY_SHA256)).isEqualTo(new BlobKey(EMPTY_SHA256));
  }

  @Test
  void digestAndToString() {
    BlobKey key = new BlobKey(EMPTY_SHA256);

    assertThat(key.digest()).isEqualTo("sha256:" + EMPTY_SHA256);
    assertThat(key).hasToString(EMPTY_SHA256);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "abc",
        "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555",
        "g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "../../../../etc/passwd/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "sha512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      })
  void parse_rejectsAnythingButSha256Hex(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BlobKey.parse(text))
        .withMessageContaining("64 lowercase hex characters");
  }
}
