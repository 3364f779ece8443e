package io.fathom.builder.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildRequest;
import io.fathom.builder.api.BuildTarget;
import io.fathom.builder.api.CompileLimits;
import io.fathom.builder.api.FunctionKind;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** python310's plan and dependency step around a fake runner (pip itself: the ITs). */
class Python310StrategyTest {
  @TempDir Path dir;
  private final List<BuildEvent> events = Collections.synchronizedList(new ArrayList<>());
  private final FakeRunner runner = new FakeRunner();
  private Path src;
  private Path wheels;

  @BeforeEach
  void source() throws Exception {
    src = Files.createDirectories(dir.resolve("src/function"));
    src = src.getParent();
    Files.writeString(src.resolve("function/func.py"), "def main(data, context):\n  return data\n");
    Files.writeString(
        src.resolve("func.yaml"),
        "specVersion: \"1\"\nname: f\nkind: python310\nentryPoint: function.other:handle\n");
    pyproject("[]");
    wheels = Files.createDirectories(dir.resolve("wheels"));
    Files.writeString(wheels.resolve("dep-1.0-py3-none-any.whl"), "zip");
  }

  private void pyproject(String deps) throws Exception {
    Files.writeString(
        src.resolve("pyproject.toml"), "[project]\nname = \"f\"\ndependencies = " + deps + "\n");
  }

  private ImagePlan plan(Optional<Path> wheelDir, Map<String, String> env) throws Exception {
    return plan(wheelDir, env, BuildRequest.DEFAULT_CACHE_SCOPE);
  }

  private ImagePlan plan(Optional<Path> wheelDir, Map<String, String> env, String scope)
      throws Exception {
    BuildRequest request =
        BuildRequest.builder(FunctionKind.PYTHON310, src)
            .target(BuildTarget.daemon("fathom/fn:test"))
            .baseImage("docker://fathom/base-python310:latest")
            .cacheDir(dir.resolve("cache"))
            .cacheScope(scope)
            .buildEnv(env)
            .build();
    return new Python310Strategy(
            new PythonDependencies(
                "fathom/builder-python310:latest", CompileLimits.DEFAULT, runner, wheelDir))
        .plan(request, new TreeStager(dir.resolve("cache/staged")), events::add);
  }

  @Test
  void noDependencies_startsNoContainer_andTakesTheEntryPointFromFuncYaml() throws Exception {
    ImagePlan plan = plan(Optional.of(wheels), Map.of());

    assertThat(runner.specs).isEmpty();
    assertThat(runner.imageLookups).isZero();
    assertThat(plan.layers())
        .extracting(FileEntriesLayer::getName)
        .containsExactly("runtime-shim", "source");
    assertThat(plan.environment())
        .containsEntry("PYTHONPATH", "/fathom/shim")
        .containsEntry("FATHOM_ENTRY_POINT", "function.other:handle");
  }

  @Test
  void missingPyproject_failsWithItsCode() throws Exception {
    Files.delete(src.resolve("pyproject.toml"));
    assertThatThrownBy(() -> plan(Optional.empty(), Map.of()))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("missing-pyproject"));
  }

  @Test
  void dependencies_withNeitherWheelsNorIndex_failWithoutStartingAContainer() throws Exception {
    pyproject("[\"requests>=2\"]");
    assertThatThrownBy(() -> plan(Optional.empty(), Map.of()))
        .isInstanceOfSatisfying(
            BuildException.class,
            e -> {
              assertThat(e.code()).isEqualTo("dependencies-unavailable");
              assertThat(e.getMessage()).contains("requests>=2", "PIP_INDEX_URL", "python-wheels");
            });
    assertThat(runner.specs).isEmpty();
  }

  @Test
  void dependencies_fromTheWheelDirectory_offline_inTheirOwnLayer_installedOnce() throws Exception {
    pyproject("[\"dep==1.0\"]");
    ImagePlan plan = plan(Optional.of(wheels), Map.of("TOKEN", "s3cret"));

    CompileRunner.Spec spec = runner.specs.getFirst();
    assertThat(spec.image()).isEqualTo("fathom/builder-python310:latest");
    assertThat(spec.network()).isFalse();
    assertThat(spec.command())
        .contains("--no-index", "--find-links=/fathom/wheels", "--target=/fathom/workspace/out");
    assertThat(spec.env()).containsEntry("TOKEN", "s3cret");
    assertThat(spec.labels()).containsEntry("io.fathom.builder", "python310");
    assertThat(spec.mounts())
        .extracting(CompileRunner.Mount::target, CompileRunner.Mount::readOnly)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/fathom/workspace", false),
            org.assertj.core.groups.Tuple.tuple("/fathom/wheels", true));
    assertThat(plan.layers())
        .extracting(FileEntriesLayer::getName)
        .containsExactly("runtime-shim", "dependencies", "source");
    assertThat(plan.environment()).containsEntry("PYTHONPATH", "/fathom/shim:/fathom/deps");
    assertThat(plan.toString()).doesNotContain("s3cret");

    Files.writeString(src.resolve("function/func.py"), "def main(data, context):\n  return 1\n");
    ImagePlan again = plan(Optional.of(wheels), Map.of("TOKEN", "s3cret"));
    assertThat(runner.specs).as("a source-only change does not run pip").hasSize(1);
    assertThat(again.layers().get(1).getEntries()).isEqualTo(plan.layers().get(1).getEntries());

    pyproject("[\"dep==1.0\", \"other\"]");
    plan(Optional.of(wheels), Map.of("TOKEN", "s3cret"));
    assertThat(runner.specs).as("a changed declaration runs pip again").hasSize(2);

    plan(Optional.of(wheels), Map.of("TOKEN", "s3cret"), "other-project");
    assertThat(runner.specs).as("another cache scope installs its own").hasSize(3);
    assertThat(dir.resolve("cache/python310/deps/other-project")).isDirectory();
    assertThat(dir.resolve("cache/python310/deps/default")).isDirectory();
  }

  @Test
  void dependencies_fromAConfiguredIndex_getTheNetwork() throws Exception {
    pyproject("[\"dep==1.0\"]");
    try (ServerSocket index = new ServerSocket(0)) {
      plan(
          Optional.empty(),
          Map.of("PIP_INDEX_URL", "http://127.0.0.1:" + index.getLocalPort() + "/simple"));
    }
    CompileRunner.Spec spec = runner.specs.getFirst();
    assertThat(spec.network()).isTrue();
    assertThat(spec.command()).doesNotContain("--no-index");
    assertThat(spec.env()).containsKey("PIP_INDEX_URL");
  }

  @Test
  void unreachableIndex_failsBeforeAContainerStarts() throws Exception {
    pyproject("[\"dep==1.0\"]");
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closed + "/simple";
    assertThatThrownBy(() -> plan(Optional.empty(), Map.of("PIP_INDEX_URL", url)))
        .isInstanceOfSatisfying(
            BuildException.class,
            e -> {
              assertThat(e.code()).isEqualTo("package-index-unreachable");
              assertThat(e.getMessage()).contains(url);
            });
    assertThat(runner.specs).isEmpty();
  }

  @Test
  void pipFailure_isDependencyInstallFailed_withPipsLines() throws Exception {
    pyproject("[\"missing==9\"]");
    runner.exitCode = 1;
    assertThatThrownBy(() -> plan(Optional.of(wheels), Map.of()))
        .isInstanceOfSatisfying(
            BuildException.class,
            e -> {
              assertThat(e.code()).isEqualTo("dependency-install-failed");
              assertThat(e.getMessage()).contains("ERROR: No matching distribution found");
            });
  }

  /** Writes a package into the workspace's out/ as pip would; or fails like pip. */
  private static final class FakeRunner implements CompileRunner {
    final List<Spec> specs = Collections.synchronizedList(new ArrayList<>());
    int imageLookups;
    int exitCode;

    @Override
    public int run(Spec spec, Output output, Consumer<BuildEvent> events) {
      specs.add(spec);
      if (exitCode != 0) {
        output.line("stderr", "ERROR: No matching distribution found for missing==9");
        return exitCode;
      }
      try {
        Path workspace =
            Path.of(
                spec.mounts().stream()
                    .filter(m -> m.target().equals("/fathom/workspace"))
                    .findFirst()
                    .orElseThrow()
                    .source());
        Path pkg = Files.createDirectories(workspace.resolve("out/dep"));
        Files.writeString(pkg.resolve("__init__.py"), "X = 1\n");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      output.line("stdout", "Successfully installed dep-1.0");
      return 0;
    }

    @Override
    public String imageId(String image) {
      imageLookups++;
      return "sha256:" + "b".repeat(64);
    }
  }
}
