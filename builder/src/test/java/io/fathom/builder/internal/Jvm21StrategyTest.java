package io.fathom.builder.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildRequest;
import io.fathom.builder.api.BuildTarget;
import io.fathom.builder.api.CompileLimits;
import io.fathom.builder.api.FunctionKind;
import io.fathom.builder.api.WarmMavenSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jvm21's checks, compile step and plan around a fake compile runner: no Docker needed. */
class Jvm21StrategyTest {
  @TempDir Path dir;
  private final List<BuildEvent> events = Collections.synchronizedList(new ArrayList<>());
  private final FakeRunner runner = new FakeRunner();
  private Path src;
  private Path mirror;

  @BeforeEach
  void source() throws Exception {
    src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(
        src.resolve("pom.xml"), "<project><artifactId>hello</artifactId></project>\n");
    Files.writeString(
        src.resolve("func.yaml"),
        "name: hello\nkind: jvm21\n# the class\nentryPoint: com.example.function.Handler\n");
    Files.createDirectories(src.resolve("src/main/java"));
    Files.writeString(src.resolve("src/main/java/Handler.java"), "class Handler {}\n");
    mirror = Files.createDirectories(dir.resolve("mirror"));
    Files.writeString(mirror.resolve(".fathom-mirror-key"), "mirrorkey1\n");
  }

  private ImagePlan plan(Map<String, String> env) throws Exception {
    return new Jvm21Strategy("fathom/builder-jvm21:latest", CompileLimits.DEFAULT, runner, mirror)
        .plan(
            BuildRequest.builder(FunctionKind.JVM21, src)
                .target(BuildTarget.daemon("fathom/fn:test"))
                .baseImage("docker://fathom/base-jvm21:latest")
                .cacheDir(dir.resolve("cache"))
                .buildEnv(env)
                .build(),
            new TreeStager(dir.resolve("cache/staged")),
            events::add);
  }

  @Test
  void missingPomXml_failsBeforeTheRunnerIsAsked() throws Exception {
    Files.delete(src.resolve("pom.xml"));
    assertThatThrownBy(() -> plan(Map.of()))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("missing-pom-xml"))
        .hasMessageContaining("pom.xml");
    assertThat(runner.specs).isEmpty();
    assertThat(runner.imageLookups).isZero();
  }

  @Test
  void entryPoint_readFromFuncYaml_quotesAndCommentsAllowed() throws Exception {
    assertThat(EntryPoint.fromFuncYaml(src).className()).isEqualTo("com.example.function.Handler");
    Files.writeString(
        src.resolve("func.yaml"),
        "name: x\nschema:\n  entryPoint: not.this.One\nentryPoint: \"com.acme.My$Fn\"  # note\n");
    assertThat(EntryPoint.fromFuncYaml(src).className()).isEqualTo("com.acme.My$Fn");
    Files.writeString(src.resolve("func.yaml"), "entryPoint: 'Top'\n");
    assertThat(EntryPoint.fromFuncYaml(src).className()).isEqualTo("Top");
  }

  @Test
  void entryPoint_missingOrInvalid_failsWithItsCode() throws Exception {
    Files.writeString(src.resolve("func.yaml"), "name: hello\nkind: jvm21\n");
    assertThatThrownBy(() -> plan(Map.of()))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("missing-entry-point"))
        .hasMessageContaining("entryPoint");
    Files.writeString(src.resolve("func.yaml"), "entryPoint:   # later\n");
    assertThatThrownBy(() -> EntryPoint.fromFuncYaml(src))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("missing-entry-point"));
    Files.writeString(src.resolve("func.yaml"), "entryPoint: com.example.2Bad-Name\n");
    assertThatThrownBy(() -> EntryPoint.fromFuncYaml(src))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("invalid-entry-point"))
        .hasMessageContaining("com.example.2Bad-Name");
    Files.delete(src.resolve("func.yaml"));
    assertThatThrownBy(() -> EntryPoint.fromFuncYaml(src))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("missing-entry-point"))
        .hasMessageContaining("func.yaml");
    assertThat(runner.specs).isEmpty();
  }

  @Test
  void missingMirror_failsNamingTheScript_unlessARemoteMirrorIsSet() throws Exception {
    Files.delete(mirror.resolve(".fathom-mirror-key"));
    assertThatThrownBy(() -> plan(Map.of()))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("maven-mirror-missing"))
        .hasMessageContaining("scripts/maven-mirror.sh")
        .hasMessageContaining("MAVEN_MIRROR_URL");
    assertThat(runner.specs).isEmpty();

    plan(Map.of("MAVEN_MIRROR_URL", "http://127.0.0.1:8081/maven2"));
    CompileRunner.Spec spec = runner.specs.getFirst();
    assertThat(spec.network()).isTrue();
    assertThat(spec.env()).containsEntry("MAVEN_MIRROR_URL", "http://127.0.0.1:8081/maven2");
    assertThat(spec.mounts())
        .extracting(CompileRunner.Mount::target)
        .doesNotContain("/fathom/mirror");
  }

  @Test
  void compileStep_isolated_offline_mirrorReadOnly_buildEnvOnlyInTheContainerEnv()
      throws Exception {
    runner.libs = List.of("guava-33.0-jre.jar", "internal-lib-1.0-SNAPSHOT.jar");
    ImagePlan plan = plan(Map.of("TOKEN", "s3cret"));

    CompileRunner.Spec spec = runner.specs.getFirst();
    assertThat(spec.image()).isEqualTo("fathom/builder-jvm21:latest");
    assertThat(spec.network()).isFalse();
    assertThat(spec.command()).containsExactly("bash", "/fathom/scaffolding/compile.sh");
    assertThat(spec.env())
        .containsEntry("TOKEN", "s3cret")
        .containsEntry("FATHOM_RUNTIME_VERSION", hostVersion());
    assertThat(spec.limits()).isEqualTo(CompileLimits.DEFAULT);
    assertThat(spec.labels()).containsEntry("io.fathom.builder", "jvm21");
    assertThat(spec.mounts())
        .extracting(CompileRunner.Mount::target, CompileRunner.Mount::readOnly)
        .containsExactly(
            tuple("/fathom/src", true),
            tuple("/fathom/scaffolding", true),
            tuple("/fathom/mirror", true),
            tuple("/fathom/workspace", false),
            tuple("/fathom/cache", false));
    assertThat(spec.mounts().get(2).source()).isEqualTo(mirror.toString());
    assertThat(spec.mounts().get(4).source()).matches("fathom-jvm21-m2-default-[0-9a-f]{16}");
    assertThat(spec.toString()).doesNotContain("s3cret");

    assertThat(plan.layers())
        .extracting(FileEntriesLayer::getName)
        .containsExactly("host", "dependencies", "snapshot-dependencies", "resources", "classes");
    assertThat(paths(plan.layers().get(0)))
        .contains("/fathom/host/runtime-jvm-" + hostVersion() + ".jar")
        .anySatisfy(p -> assertThat(p).matches("/fathom/host/lib/jackson-databind-.*\\.jar"));
    assertThat(paths(plan.layers().get(1))).contains("/app/libs/guava-33.0-jre.jar");
    assertThat(paths(plan.layers().get(1))).noneMatch(p -> p.contains("SNAPSHOT"));
    assertThat(paths(plan.layers().get(2))).contains("/app/libs/internal-lib-1.0-SNAPSHOT.jar");
    assertThat(paths(plan.layers().get(3)))
        .contains("/app/resources/app.properties")
        .noneMatch(p -> p.endsWith(".class"));
    assertThat(paths(plan.layers().get(4)))
        .contains("/app/classes/com/example/function/Handler.class")
        .noneMatch(p -> p.endsWith(".properties"));
    assertThat(plan.entrypoint())
        .containsExactly(
            "java",
            "-cp",
            "/fathom/host/runtime-jvm-"
                + hostVersion()
                + ".jar:/fathom/host/lib/*:/app/resources:/app/classes:/app/libs/*",
            "io.fathom.runtime.host.Main");
    assertThat(plan.environment())
        .containsExactly(
            Map.entry("FATHOM_FUNCTION_CLASS", "com.example.function.Handler"),
            Map.entry("PORT", "8080"));
    assertThat(plan.user()).isEqualTo("65534:65534");
    assertThat(plan.labels()).containsEntry("io.fathom.kind", "jvm21");
    assertThat(plan.toString()).doesNotContain("s3cret");
    assertThat(events).contains(new BuildEvent.Message(BuildEvent.Level.WARN, "fathom: building"));
    try (var files = Files.walk(dir.resolve("cache/jvm21"))) {
      assertThat(files.map(Path::toString)).noneMatch(p -> p.contains("/work/"));
    }
  }

  @Test
  void noLibrariesNoResources_thoseLayersAreLeftOut() throws Exception {
    runner.resources = false;
    ImagePlan plan = plan(Map.of());
    assertThat(plan.layers())
        .extracting(FileEntriesLayer::getName)
        .containsExactly("host", "classes");
  }

  @Test
  void unchangedInputs_doNotRunMavenAgain_changedBuildEnvOrMirrorDoes() throws Exception {
    plan(Map.of());
    plan(Map.of());
    assertThat(runner.specs).hasSize(1);
    assertThat(events.toString()).contains("compile step skipped");
    plan(Map.of("MAVEN_OPTS", "-Xmx256m"));
    assertThat(runner.specs).hasSize(2);
    Files.writeString(mirror.resolve(".fathom-mirror-key"), "mirrorkey2\n");
    plan(Map.of());
    assertThat(runner.specs).hasSize(3);
    assertThat(runner.specs.get(2).mounts().get(4).source())
        .as("a new mirror gets a new local repository")
        .isNotEqualTo(runner.specs.get(0).mounts().get(4).source());
  }

  @Test
  void compileKey_changesWithEveryInput() {
    String base =
        Jvm21Strategy.compileKey("scope", "src", "script", "host", "image", "mirror", "env");
    assertThat(base).matches("[0-9a-f]{64}");
    assertThat(Jvm21Strategy.compileKey("scope", "src", "script", "host", "image", "mirror", "env"))
        .isEqualTo(base);
    assertThat(
            List.of(
                Jvm21Strategy.compileKey(
                    "scope2", "src", "script", "host", "image", "mirror", "env"),
                Jvm21Strategy.compileKey(
                    "scope", "src2", "script", "host", "image", "mirror", "env"),
                Jvm21Strategy.compileKey(
                    "scope", "src", "script2", "host", "image", "mirror", "env"),
                Jvm21Strategy.compileKey(
                    "scope", "src", "script", "host2", "image", "mirror", "env"),
                Jvm21Strategy.compileKey(
                    "scope", "src", "script", "host", "image2", "mirror", "env"),
                Jvm21Strategy.compileKey(
                    "scope", "src", "script", "host", "image", "mirror2", "env"),
                Jvm21Strategy.compileKey(
                    "scope", "src", "script", "host", "image", "mirror", "env2")))
        .doesNotContain(base)
        .doesNotHaveDuplicates();
  }

  @Test
  void repositoryVolume_isKeyedByScopePomAndMirror() throws Exception {
    String a = Jvm21Strategy.repositoryVolume("p1", src, "m1");
    assertThat(a).matches("fathom-jvm21-m2-p1-[0-9a-f]{16}");
    assertThat(Jvm21Strategy.repositoryVolume("p1", src, "m1")).isEqualTo(a);
    assertThat(Jvm21Strategy.repositoryVolume("p2", src, "m1"))
        .as("another scope never shares the writable local repository")
        .matches("fathom-jvm21-m2-p2-[0-9a-f]{16}")
        .isNotEqualTo(a);
    assertThat(Jvm21Strategy.repositoryVolume("p1", src, "m2")).isNotEqualTo(a);
    Files.writeString(src.resolve("pom.xml"), "<project><artifactId>other</artifactId></project>");
    assertThat(Jvm21Strategy.repositoryVolume("p1", src, "m1")).isNotEqualTo(a);
  }

  @Test
  void otherScope_compilesAgainWithItsOwnRepository_sameScopeReusesTheOutput() throws Exception {
    plan(Map.of());
    new Jvm21Strategy("fathom/builder-jvm21:latest", CompileLimits.DEFAULT, runner, mirror)
        .plan(
            BuildRequest.builder(FunctionKind.JVM21, src)
                .target(BuildTarget.daemon("fathom/fn:test"))
                .baseImage("docker://fathom/base-jvm21:latest")
                .cacheDir(dir.resolve("cache"))
                .cacheScope("0b9e3c1e-7d1a-4c55-9f0e-2a6b8c1d4e5f")
                .build(),
            new TreeStager(dir.resolve("cache/staged")),
            events::add);
    plan(Map.of());
    assertThat(runner.specs).hasSize(2);
    assertThat(runner.specs.get(0).mounts().get(4).source()).startsWith("fathom-jvm21-m2-default-");
    assertThat(runner.specs.get(1).mounts().get(4).source())
        .startsWith("fathom-jvm21-m2-0b9e3c1e-7d1a-4c55-9f0e-2a6b8c1d4e5f-");
    assertThat(dir.resolve("cache/jvm21/outputs/default")).isDirectory();
    assertThat(dir.resolve("cache/jvm21/outputs/0b9e3c1e-7d1a-4c55-9f0e-2a6b8c1d4e5f"))
        .isDirectory();
  }

  @Test
  void jvmConfig_alwaysGetsAFreshContainer_evenWithAWarmMaven() throws Exception {
    Files.createDirectories(src.resolve(".mvn"));
    Files.writeString(src.resolve(".mvn/jvm.config"), "-Xmx1g\n");
    try (WarmMaven warm = new WarmMaven(WarmMavenSettings.DEFAULT, runner)) {
      new Jvm21Strategy("fathom/builder-jvm21:latest", CompileLimits.DEFAULT, runner, mirror, warm)
          .plan(
              BuildRequest.builder(FunctionKind.JVM21, src)
                  .target(BuildTarget.daemon("fathom/fn:test"))
                  .baseImage("docker://fathom/base-jvm21:latest")
                  .cacheDir(dir.resolve("cache"))
                  .build(),
              new TreeStager(dir.resolve("cache/staged")),
              events::add);
    }
    assertThat(runner.specs).hasSize(1);
    assertThat(runner.specs.getFirst().command())
        .containsExactly("bash", "/fathom/scaffolding/compile.sh");
    assertThat(events.toString()).contains(".mvn/jvm.config sets JVM options");
  }

  @Test
  void snapshotJars_areTold() {
    assertThat(Jvm21Strategy.isSnapshot("lib-1.0-SNAPSHOT.jar")).isTrue();
    assertThat(Jvm21Strategy.isSnapshot("lib-1.0-20240101.120000-3.jar")).isTrue();
    assertThat(Jvm21Strategy.isSnapshot("guava-33.0-jre.jar")).isFalse();
  }

  @Test
  void nonZeroExit_isCompileFailedWithTheCompilersMessage() throws Exception {
    runner.exitCode = 1;
    runner.stderr =
        List.of(
            "[ERROR] COMPILATION ERROR : ",
            "[ERROR] /fathom/workspace/build/project/src/main/java/Handler.java:[3,9] cannot find"
                + " symbol");
    assertThatThrownBy(() -> plan(Map.of()))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("compile-failed"))
        .hasMessageContaining("exit code 1")
        .hasMessageContaining("Handler.java:[3,9] cannot find symbol");
  }

  private static List<String> paths(FileEntriesLayer layer) {
    return layer.getEntries().stream()
        .map(FileEntry::getExtractionPath)
        .map(Object::toString)
        .toList();
  }

  private static String hostVersion() throws Exception {
    try (var names =
        Files.list(
            Path.of(
                Jvm21StrategyTest.class
                    .getClassLoader()
                    .getResource(Jvm21Strategy.HOST_RESOURCE)
                    .toURI()))) {
      String jar =
          names
              .map(p -> p.getFileName().toString())
              .filter(n -> n.startsWith("runtime-jvm-"))
              .findFirst()
              .orElseThrow();
      return Jvm21Strategy.hostVersion(jar);
    }
  }

  /** Writes out/classes and out/lib into the workspace mount, as the real step does. */
  private static final class FakeRunner implements CompileRunner {
    final List<Spec> specs = Collections.synchronizedList(new ArrayList<>());
    int imageLookups;
    int exitCode;
    boolean resources = true;
    List<String> libs = List.of();
    List<String> stderr = List.of("fathom: building");

    @Override
    public int run(Spec spec, Output output, Consumer<BuildEvent> events) throws BuildException {
      specs.add(spec);
      stderr.forEach(line -> output.line("stderr", line));
      output.line("stdout", "[INFO] BUILD SUCCESS");
      if (exitCode != 0) {
        return exitCode;
      }
      try {
        Path out =
            Path.of(
                    spec.mounts().stream()
                        .filter(m -> m.target().equals("/fathom/workspace"))
                        .findFirst()
                        .orElseThrow()
                        .source())
                .resolve("out");
        Path classes = Files.createDirectories(out.resolve("classes/com/example/function"));
        Files.writeString(classes.resolve("Handler.class"), "\u00ca\u00fe\u00ba\u00be");
        if (resources) {
          Files.writeString(out.resolve("classes/app.properties"), "greeting=hi\n");
        }
        Path lib = Files.createDirectories(out.resolve("lib"));
        for (String jar : libs) {
          Files.writeString(lib.resolve(jar), "PK fake " + jar);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return 0;
    }

    @Override
    public String imageId(String image) {
      imageLookups++;
      return "sha256:" + "b".repeat(64);
    }
  }
}
