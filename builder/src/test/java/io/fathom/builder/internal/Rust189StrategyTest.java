package io.fathom.builder.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildRequest;
import io.fathom.builder.api.BuildTarget;
import io.fathom.builder.api.CompileLimits;
import io.fathom.builder.api.FunctionKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rust189/rust186's plan around a fake compile runner: no Docker needed. */
class Rust189StrategyTest {
  @TempDir Path dir;
  private final List<BuildEvent> events = Collections.synchronizedList(new ArrayList<>());
  private final FakeRunner runner = new FakeRunner();
  private Path src;

  @BeforeEach
  void source() throws Exception {
    src = Files.createDirectories(dir.resolve("src"));
    Files.createDirectories(src.resolve("src"));
    Files.writeString(
        src.resolve("Cargo.toml"), "[package]\nname = \"function\"\nversion = \"0.1.0\"\n");
    Files.writeString(src.resolve("src/lib.rs"), "pub mod function;\n");
    Files.writeString(src.resolve("src/function.rs"), "pub fn handle() {}\n");
  }

  private BuildRequest request(Map<String, String> env) {
    return request(FunctionKind.RUST189, env);
  }

  private BuildRequest request(FunctionKind kind, Map<String, String> env) {
    return BuildRequest.builder(kind, src)
        .target(BuildTarget.daemon("fathom/fn:test"))
        .baseImage("scratch")
        .cacheDir(dir.resolve("cache"))
        .buildEnv(env)
        .build();
  }

  private ImagePlan plan(Map<String, String> env) throws Exception {
    return plan(FunctionKind.RUST189, env);
  }

  private ImagePlan plan(FunctionKind kind, Map<String, String> env) throws Exception {
    return new Rust189Strategy(kind, "fathom/builder-rust:latest", CompileLimits.DEFAULT, runner)
        .plan(request(kind, env), new TreeStager(dir.resolve("cache/staged")), events::add);
  }

  @Test
  void missingCargoToml_failsBeforeTheRunnerIsAsked() throws Exception {
    Files.delete(src.resolve("Cargo.toml"));
    assertThatThrownBy(() -> plan(Map.of()))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("missing-cargo-toml"))
        .hasMessageContaining("rust189");
    assertThat(runner.specs).isEmpty();
    assertThat(runner.imageLookups).isZero();
  }

  @Test
  void compileStep_isolated_offlineByDefault_buildEnvOnlyInTheContainerEnv() throws Exception {
    ImagePlan plan = plan(Map.of("TOKEN", "s3cret"));

    CompileRunner.Spec spec = runner.specs.getFirst();
    assertThat(spec.image()).isEqualTo("fathom/builder-rust:latest");
    assertThat(spec.command()).containsExactly("bash", "/fathom/scaffolding/compile.sh");
    assertThat(spec.network()).isFalse();
    assertThat(spec.env()).containsExactly(Map.entry("TOKEN", "s3cret"));
    assertThat(spec.limits()).isEqualTo(CompileLimits.DEFAULT);
    assertThat(spec.labels()).containsEntry("io.fathom.builder", "rust189");
    assertThat(spec.mounts())
        .extracting(CompileRunner.Mount::target, CompileRunner.Mount::readOnly)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/fathom/src", true),
            org.assertj.core.groups.Tuple.tuple("/fathom/scaffolding", true),
            org.assertj.core.groups.Tuple.tuple("/fathom/workspace", false),
            org.assertj.core.groups.Tuple.tuple("/fathom/cache", false));
    assertThat(spec.mounts().get(3).source())
        .matches("fathom-rust-cache-default-toml-[0-9a-f]{16}");
    Path scaffolding = Path.of(spec.mounts().get(1).source());
    assertThat(scaffolding.resolve("compile.sh")).isRegularFile();
    assertThat(scaffolding.resolve("cargo-env.sh")).isRegularFile();
    assertThat(scaffolding.resolve("fathom/Cargo.toml")).isRegularFile();
    assertThat(scaffolding.resolve("fathom-runtime/Cargo.toml")).isRegularFile();
    assertThat(scaffolding.resolve("fathom-runtime/src/supervisor.rs")).isRegularFile();
    assertThat(spec.toString()).doesNotContain("s3cret");

    assertThat(plan.layers()).extracting(l -> l.getName()).containsExactly("runtime-fs", "binary");
    assertThat(plan.entrypoint()).containsExactly("/fathom/bin/function");
    assertThat(plan.environment()).containsExactly(Map.entry("PORT", "8080"));
    assertThat(plan.user()).isEqualTo("65534:65534");
    assertThat(plan.labels()).containsKeys("io.fathom.kind", "io.fathom.scaffolding-digest");
    assertThat(plan.toString()).doesNotContain("s3cret");
    assertThat(
            plan.layers().get(1).getEntries().stream()
                .filter(e -> e.getExtractionPath().toString().equals("/fathom/bin/function"))
                .map(e -> e.getPermissions().toOctalString()))
        .containsExactly("755");
    assertThat(events)
        .contains(new BuildEvent.Message(BuildEvent.Level.WARN, "fathom: compiling"))
        .contains(new BuildEvent.Message(BuildEvent.Level.INFO, "out line"));
    try (var files = Files.walk(dir.resolve("cache/rust189"))) {
      assertThat(files.map(Path::toString)).noneMatch(p -> p.contains("/work/"));
    }
  }

  @Test
  void unchangedInputs_doNotRunTheCompilerAgain_changedBuildEnvDoes() throws Exception {
    plan(Map.of());
    plan(Map.of());
    assertThat(runner.specs).hasSize(1);
    assertThat(events.toString()).contains("compile step skipped");
    plan(Map.of("RUSTFLAGS_EXTRA", "x"));
    assertThat(runner.specs).hasSize(2);
  }

  @Test
  void rust186_sameStrategyClass_ownLabelAndBinaryCache_sharedCargoVolume() throws Exception {
    plan(FunctionKind.RUST189, Map.of());
    ImagePlan plan = plan(FunctionKind.RUST186, Map.of());
    assertThat(runner.specs).as("a kind's binaries are its own").hasSize(2);
    CompileRunner.Spec spec = runner.specs.get(1);
    assertThat(spec.labels()).containsEntry("io.fathom.builder", "rust186");
    assertThat(spec.image()).isEqualTo("fathom/builder-rust:latest");
    assertThat(spec.mounts().get(3).source())
        .isEqualTo(runner.specs.get(0).mounts().get(3).source());
    assertThat(plan.labels()).containsEntry("io.fathom.kind", "rust186");
    assertThat(plan.entrypoint()).containsExactly("/fathom/bin/function");
    assertThat(Files.isDirectory(dir.resolve("cache/rust186/binaries"))).isTrue();
    assertThatThrownBy(
            () -> new Rust189Strategy(FunctionKind.GO124, "x", CompileLimits.DEFAULT, runner))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nonZeroExit_isCompileFailedWithTheCompilersMessage() throws Exception {
    runner.exitCode = 1;
    runner.stderr =
        List.of(
            "error[E0425]: cannot find value `x` in this scope",
            " --> /fathom/build/app/src/function.rs:3:9");
    assertThatThrownBy(() -> plan(Map.of()))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("compile-failed"))
        .hasMessageContaining("exit code 1")
        .hasMessageContaining("cannot find value `x` in this scope");
    assertThat(events)
        .contains(
            new BuildEvent.Message(
                BuildEvent.Level.WARN, "error[E0425]: cannot find value `x` in this scope"));
  }

  @Test
  void cargoCacheVolume_isKeyedByScopeAndCargoLock_elseByCargoToml() throws Exception {
    String toml = Rust189Strategy.cargoCacheVolume("p1", src);
    assertThat(toml).matches("fathom-rust-cache-p1-toml-[0-9a-f]{16}");
    assertThat(Rust189Strategy.cargoCacheVolume("p1", src)).isEqualTo(toml);
    assertThat(Rust189Strategy.cargoCacheVolume("p2", src)).isNotEqualTo(toml);
    Files.writeString(src.resolve("Cargo.toml"), "[package]\nname = \"function\"\n");
    assertThat(Rust189Strategy.cargoCacheVolume("p1", src)).isNotEqualTo(toml);
    Files.writeString(src.resolve("Cargo.lock"), "version = 3\n");
    String a = Rust189Strategy.cargoCacheVolume("p1", src);
    assertThat(Rust189Strategy.cargoCacheVolume("p2", src))
        .matches("fathom-rust-cache-p2-[0-9a-f]{16}")
        .isNotEqualTo(a);
    Files.writeString(src.resolve("Cargo.lock"), "version = 3\n# changed\n");
    String b = Rust189Strategy.cargoCacheVolume("p1", src);
    assertThat(a).matches("fathom-rust-cache-p1-[0-9a-f]{16}").isNotEqualTo(b);
  }

  /** Writes out/function into the workspace mount, as the real step does. */
  private static final class FakeRunner implements CompileRunner {
    final List<Spec> specs = Collections.synchronizedList(new ArrayList<>());
    int imageLookups;
    int exitCode;
    List<String> stderr = List.of("fathom: compiling");

    @Override
    public int run(Spec spec, Output output, Consumer<BuildEvent> events) throws BuildException {
      specs.add(spec);
      stderr.forEach(line -> output.line("stderr", line));
      output.line("stdout", "out line");
      if (exitCode != 0) {
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
        Path binary = workspace.resolve("out/function");
        Files.writeString(binary, "\177ELF fake binary");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return 0;
    }

    @Override
    public String imageId(String image) {
      imageLookups++;
      return "sha256:" + "a".repeat(64);
    }
  }
}
