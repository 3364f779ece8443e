package io.fathom.builder.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildRequestTest {
  @TempDir Path dir;

  private BuildRequest.Builder valid() {
    return BuildRequest.builder(FunctionKind.PYTHON310, dir)
        .target(BuildTarget.daemon("fathom/fn:test"))
        .baseImage("docker://fathom/base-python310:latest")
        .cacheDir(dir.resolve("cache"));
  }

  @Test
  void toString_showsBuildEnvNamesButNeverValues() {
    BuildRequest request = valid().buildEnv(Map.of("TOKEN", "s3cr3t-value")).build();

    assertThat(request.toString()).contains("TOKEN").doesNotContain("s3cr3t-value");
  }

  @Test
  void build_rejectsMissingSourceDirBaseImageAndBadEnvNames() {
    assertThatThrownBy(
            () -> BuildRequest.builder(FunctionKind.PYTHON310, dir.resolve("nope")).build())
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> valid().baseImage(" ").build())
        .hasMessageContaining("baseImage is required");
    assertThatThrownBy(() -> valid().buildEnv(Map.of("1BAD", "x")).build())
        .hasMessageContaining("1BAD");
    assertThatThrownBy(() -> valid().revisionDigest("sha256:abc").build())
        .hasMessageContaining("revisionDigest");
    assertThatThrownBy(
            () ->
                BuildRequest.builder(FunctionKind.PYTHON310, dir.resolve("nope"))
                    .target(BuildTarget.daemon("x"))
                    .baseImage("docker://x")
                    .cacheDir(dir)
                    .build())
        .hasMessageContaining("not a directory");
  }

  @Test
  void cacheScope_defaultsToDefault_acceptsAProjectId_refusesAnythingElse() {
    assertThat(valid().build().cacheScope()).isEqualTo("default");
    assertThat(valid().cacheScope("0b9e3c1e-7d1a-4c55-9f0e-2a6b8c1d4e5f").build().cacheScope())
        .isEqualTo("0b9e3c1e-7d1a-4c55-9f0e-2a6b8c1d4e5f");
    assertThat(valid().cacheScope("a".repeat(63)).build().cacheScope()).hasSize(63);
    for (String bad :
        new String[] {"", "-a", "A", "a_b", "a/b", "../x", "a b", "a.b", "a".repeat(64)}) {
      assertThatThrownBy(() -> valid().cacheScope(bad).build())
          .as("scope %s", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cacheScope");
    }
    assertThatThrownBy(() -> valid().cacheScope(null).build()).hasMessageContaining("cacheScope");
  }

  @Test
  void target_rejectsBlankNames() {
    assertThatThrownBy(() -> BuildTarget.daemon(" ")).hasMessageContaining("image name");
    assertThatThrownBy(() -> BuildTarget.registry("a b", true)).hasMessageContaining("image name");
  }

  @Test
  void kind_parseListsTheKnownKinds() {
    assertThat(FunctionKind.parse("python310")).isEqualTo(FunctionKind.PYTHON310);
    assertThatThrownBy(() -> FunctionKind.parse("cobol"))
        .hasMessage(
            "\"cobol\" is not a known kind. Known kinds are \"python310\", \"go124\", \"rust189\","
                + " \"rust186\", \"jvm21\".");
  }

  @Test
  void pinnedReference_replacesTheTagWithTheDigest() {
    BuildResult result =
        new BuildResult(
            "127.0.0.1:5055/fn/echo:b1",
            "sha256:abc",
            "sha256:def",
            java.util.List.of(),
            java.util.List.of());

    assertThat(result.pinnedReference()).isEqualTo("127.0.0.1:5055/fn/echo@sha256:abc");
  }
}
