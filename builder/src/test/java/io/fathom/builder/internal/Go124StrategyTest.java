package io.fathom.builder.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildRequest;
import io.fathom.builder.api.BuildTarget;
import io.fathom.builder.api.CompileLimits;
import io.fathom.builder.api.FunctionKind;
import java.nio.charset.StandardCharsets;
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

/** go124's plan around a fake compile runner: no Docker needed. */
class Go124StrategyTest {
  @TempDir Path dir;
  private final List<BuildEvent> events = Collections.synchronizedList(new ArrayList<>());
  private final FakeRunner runner = new FakeRunner();
  private Path src;

  @BeforeEach
  void source() throws Exception {
    src = Files.createDirectories(dir.resolve("src"));
    Files.createDirectories(src.resolve("function"));
    Files.writeString(src.resolve("go.mod"), "module fathom.local/function\n\ngo 1.19\n");
    Files.writeString(src.resolve("function/handler.go"), "package function\n");
  }

  private BuildRequest request(Map<String, String> env) {
    return BuildRequest.builder(FunctionKind.GO124, src)
        .target(BuildTarget.daemon("fathom/fn:test"))
        .baseImage("scratch")
        .cacheDir(dir.resolve("cache"))
        .buildEnv(env)
        .build();
  }

  private ImagePlan plan(Map<String, String> env) throws Exception {
    return new Go124Strategy("fathom/builder-go124:latest", CompileLimits.DEFAULT, runner)
        .plan(request(env), new TreeStager(dir.resolve("cache/staged")), events::add);
  }

  @Test
  void missingGoMod_failsBeforeTheRunnerIsAsked() throws Exception {
    Files.delete(src.resolve("go.mod"));
    assertThatThrownBy(() -> plan(Map.of()))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("missing-go-mod"));
    assertThat(runner.specs).isEmpty();
    assertThat(runner.imageLookups).isZero();
  }

  @Test
  void compileStep_isolated_offlineByDefault_buildEnvOnlyInTheContainerEnv() throws Exception {
    ImagePlan plan = plan(Map.of("TOKEN", "s3cret"));

    CompileRunner.Spec spec = runner.specs.getFirst();
    assertThat(spec.image()).isEqualTo("fathom/builder-go124:latest");
    assertThat(spec.network()).isFalse();
    assertThat(spec.env()).containsEntry("GOPROXY", "off").containsEntry("TOKEN", "s3cret");
    assertThat(spec.limits()).isEqualTo(CompileLimits.DEFAULT);
    assertThat(spec.labels()).containsEntry("io.fathom.builder", "go124");
    assertThat(spec.mounts())
        .extracting(CompileRunner.Mount::target, CompileRunner.Mount::readOnly)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/fathom/src", true),
            org.assertj.core.groups.Tuple.tuple("/fathom/scaffolding", true),
            org.assertj.core.groups.Tuple.tuple("/fathom/workspace", false),
            org.assertj.core.groups.Tuple.tuple("/fathom/cache", false));
    assertThat(spec.mounts().get(3).source()).isEqualTo("fathom-go124-cache-default-nosum");
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
    try (var files = Files.walk(dir.resolve("cache/go124"))) {
      assertThat(files.map(Path::toString)).noneMatch(p -> p.contains("/work/"));
    }
  }

  @Test
  void unchangedInputs_doNotRunTheCompilerAgain_changedBuildEnvDoes() throws Exception {
    plan(Map.of());
    plan(Map.of());
    assertThat(runner.specs).hasSize(1);
    assertThat(events.toString()).contains("compile step skipped");
    plan(Map.of("GOFLAGS", "-mod=mod"));
    assertThat(runner.specs).hasSize(2);
  }

  @Test
  void goproxyInTheBuildEnv_givesTheStepTheNetwork() throws Exception {
    plan(Map.of("GOPROXY", "http://127.0.0.1:3000"));
    assertThat(runner.specs.getFirst().network()).isTrue();
    assertThat(runner.specs.getFirst().env()).containsEntry("GOPROXY", "http://127.0.0.1:3000");
  }

  @Test
  void nonZeroExit_isCompileFailedWithTheCompilersMessage() throws Exception {
    runner.exitCode = 1;
    runner.stderr =
        List.of("# fathom.local/function/function", "function/handler.go:3:9: undefined: x");
    assertThatThrownBy(() -> plan(Map.of()))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("compile-failed"))
        .hasMessageContaining("exit code 1")
        .hasMessageContaining("function/handler.go:3:9: undefined: x");
    assertThat(events)
        .contains(
            new BuildEvent.Message(BuildEvent.Level.WARN, "function/handler.go:3:9: undefined: x"));
  }

  @Test
  void moduleCacheVolume_isKeyedByScopeAndGoSum() throws Exception {
    assertThat(Go124Strategy.moduleCacheVolume("p1", src)).isEqualTo("fathom-go124-cache-p1-nosum");
    assertThat(Go124Strategy.moduleCacheVolume("p2", src)).isEqualTo("fathom-go124-cache-p2-nosum");
    Files.writeString(src.resolve("go.sum"), "example.com/m v1.0.0 h1:abc=\n");
    String a = Go124Strategy.moduleCacheVolume("p1", src);
    assertThat(Go124Strategy.moduleCacheVolume("p1", src)).isEqualTo(a);
    assertThat(Go124Strategy.moduleCacheVolume("p2", src))
        .as("another scope never shares the writable cache")
        .isNotEqualTo(a);
    Files.writeString(src.resolve("go.sum"), "example.com/m v1.0.1 h1:def=\n");
    String b = Go124Strategy.moduleCacheVolume("p1", src);
    assertThat(a).matches("fathom-go124-cache-p1-[0-9a-f]{16}").isNotEqualTo(b);
  }

  @Test
  void otherScope_compilesAgainIntoItsOwnVolume_sameScopeReusesTheBinary() throws Exception {
    new Go124Strategy("fathom/builder-go124:latest", CompileLimits.DEFAULT, runner)
        .plan(
            BuildRequest.builder(FunctionKind.GO124, src)
                .target(BuildTarget.daemon("fathom/fn:test"))
                .baseImage("scratch")
                .cacheDir(dir.resolve("cache"))
                .cacheScope("other-project")
                .build(),
            new TreeStager(dir.resolve("cache/staged")),
            events::add);
    plan(Map.of());
    plan(Map.of());
    assertThat(runner.specs).hasSize(2);
    assertThat(runner.specs.get(0).mounts().get(3).source())
        .isEqualTo("fathom-go124-cache-other-project-nosum");
    assertThat(runner.specs.get(1).mounts().get(3).source())
        .isEqualTo("fathom-go124-cache-default-nosum");
    assertThat(dir.resolve("cache/go124/binaries/other-project")).isDirectory();
    assertThat(dir.resolve("cache/go124/binaries/default")).isDirectory();
  }

  @Test
  void lineSplitter_joinsFramesIntoLinesPerStream() {
    List<String> lines = new ArrayList<>();
    var splitter = new DockerCompileRunner.LineSplitter((s, l) -> lines.add(s + ":" + l));
    splitter.accept(frame(StreamType.STDOUT, "hel"));
    splitter.accept(frame(StreamType.STDERR, "err one\nerr "));
    splitter.accept(frame(StreamType.STDOUT, "lo\r\nworld\n"));
    splitter.accept(frame(StreamType.STDERR, "two"));
    splitter.flush();
    assertThat(lines)
        .containsExactly("stderr:err one", "stdout:hello", "stdout:world", "stderr:err two");
  }

  private static Frame frame(StreamType type, String text) {
    return new Frame(type, text.getBytes(StandardCharsets.UTF_8));
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
