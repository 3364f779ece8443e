package io.fathom.builder.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What fails before any image work: no Docker needed. */
class BuilderTest {
  @TempDir Path dir;
  private final List<BuildEvent> events = new ArrayList<>();

  private BuildRequest request(FunctionKind kind) {
    return BuildRequest.builder(kind, dir.resolve("src"))
        .target(BuildTarget.daemon("fathom/fn:test"))
        .baseImage("docker://fathom/base-python310:latest")
        .cacheDir(dir.resolve("cache"))
        .build();
  }

  @Test
  void build_unimplementedKindFailsListingTheImplementedOnes() throws Exception {
    Files.createDirectories(dir.resolve("src"));

    assertThatThrownBy(() -> Builder.create().build(request(FunctionKind.GO124), events::add))
        .isInstanceOfSatisfying(
            UnsupportedKindException.class,
            e -> {
              assertThat(e.code()).isEqualTo("unsupported-kind");
              assertThat(e.kind()).isEqualTo(FunctionKind.GO124);
            })
        .hasMessage(
            "The builder cannot build \"go124\" functions yet. Implemented kinds are"
                + " \"python310\".");
    assertThat(Builder.create().implementedKinds()).containsExactly(FunctionKind.PYTHON310);
  }

  @Test
  void build_python310WithThirdPartyDependenciesFailsDependenciesUnavailable() throws Exception {
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(
        dir.resolve("src/pyproject.toml"),
        "[project]\nname = \"f\"\ndependencies = [\"requests>=2.31\", \"numpy\"]\n");

    assertThatThrownBy(() -> Builder.create().build(request(FunctionKind.PYTHON310), events::add))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("dependencies-unavailable"))
        .hasMessageContaining("requests>=2.31, numpy");
    assertThat(events).containsExactly(new BuildEvent.StepStarted("prepare"));
  }

  @Test
  void build_python310WithoutPyprojectFailsMissingPyproject() throws Exception {
    Files.createDirectories(dir.resolve("src/function"));

    assertThatThrownBy(() -> Builder.create().build(request(FunctionKind.PYTHON310), events::add))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("missing-pyproject"));
  }

  @Test
  void build_python310WithBrokenPyprojectFailsInvalidPyproject() throws Exception {
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("src/pyproject.toml"), "[project\nname = ");

    assertThatThrownBy(() -> Builder.create().build(request(FunctionKind.PYTHON310), events::add))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("invalid-pyproject"));
  }
}
