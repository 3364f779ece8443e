package io.fathom.controlplane.mlflow.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.controlplane.mlflow.MlflowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactPathTest {

  @Test
  void parse_relativePaths() {
    assertThat(ArtifactPath.parse("1/models/m-1/artifacts/MLmodel").segments())
        .containsExactly("1", "models", "m-1", "artifacts", "MLmodel");
    assertThat(ArtifactPath.parse("dir/").toString()).isEqualTo("dir");
    assertThat(ArtifactPath.parse("").isRoot()).isTrue();
    assertThat(ArtifactPath.parse(null).isRoot()).isTrue();
    assertThat(ArtifactPath.parse("a b/c+d.txt").name()).isEqualTo("c+d.txt");
    assertThat(ArtifactPath.parse("a/b/c").parent().toString()).isEqualTo("a/b");
    assertThat(ArtifactPath.parse("a/b/c").startsWith(ArtifactPath.parse("a/b"))).isTrue();
    assertThat(ArtifactPath.parse("a/bc").startsWith(ArtifactPath.parse("a/b"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "..",
        "../x",
        "a/../../x",
        "a/..",
        "./a",
        "a//b",
        "/etc/passwd",
        "//server/share",
        "C:/windows",
        "~/x",
        "a\\..\\b",
        "a\\b",
        "a\u0000b",
        "a\nb",
        "%2e%2e/x",
        "%2E%2E%2Fx",
        "a%2Fb",
        "a%5cb",
        "a%00b",
        "%252e%252e/x"
      })
  void parse_refusesEscapes(String path) {
    assertThatThrownBy(() -> ArtifactPath.parse(path))
        .isInstanceOfSatisfying(
            MlflowException.class,
            e -> assertThat(e.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE"));
  }

  @Test
  void rawPaths_decodeOnce() {
    assertThat(RawPaths.decode("a%20b/c%2Bd")).isEqualTo("a b/c+d");
    assertThat(RawPaths.decode("a+b")).isEqualTo("a+b");
    assertThat(RawPaths.decode("%C3%A9")).isEqualTo("é");
  }
}
