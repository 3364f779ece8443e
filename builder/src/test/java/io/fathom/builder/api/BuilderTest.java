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
  void everyKindIsImplemented() {
    assertThat(Builder.create().implementedKinds())
        .containsExactlyInAnyOrder(FunctionKind.values());
  }

  @Test
  void build_jvm21WithoutPomXmlFailsMissingPomXmlBeforeAnyContainer() throws Exception {
    Files.createDirectories(dir.resolve("src"));
    Builder builder =
        Builder.create().withBuilderImage(FunctionKind.JVM21, "no-such/builder-image:never");

    assertThatThrownBy(() -> builder.build(request(FunctionKind.JVM21), events::add))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("missing-pom-xml"))
        .hasMessageContaining("pom.xml");
    assertThat(events).containsExactly(new BuildEvent.StepStarted("prepare"));
  }

  @Test
  void build_go124WithoutGoModFailsMissingGoModBeforeAnyContainer() throws Exception {
    Files.createDirectories(dir.resolve("src/function"));
    // No Docker engine is touched: this fails before the builder image is even looked up.
    Builder builder =
        Builder.create().withBuilderImage(FunctionKind.GO124, "no-such/builder-image:never");

    assertThatThrownBy(() -> builder.build(request(FunctionKind.GO124), events::add))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("missing-go-mod"))
        .hasMessageContaining("go.mod");
    assertThat(events).containsExactly(new BuildEvent.StepStarted("prepare"));
  }

  @Test
  void warmMaven_offByDefault_keptByTheDerivedBuilders_settingsValidated() {
    try (Builder builder = Builder.create()) {
      assertThat(builder.warmMaven()).isEqualTo(WarmMavenSettings.OFF);
      assertThat(builder.warmMaven().enabled()).isFalse();
      Builder warm = builder.withWarmMaven(WarmMavenSettings.DEFAULT);
      assertThat(warm.warmMaven().idleTimeout()).isEqualTo(java.time.Duration.ofMinutes(10));
      assertThat(warm.warmMaven().maxContainers()).isEqualTo(2);
      assertThat(warm.withMavenMirror(dir).warmMaven()).isEqualTo(WarmMavenSettings.DEFAULT);
      warm.close();
    }
    assertThatThrownBy(() -> new WarmMavenSettings(java.time.Duration.ZERO, 2))
        .hasMessageContaining("idleTimeout");
    assertThatThrownBy(() -> new WarmMavenSettings(java.time.Duration.ofMinutes(1), -1))
        .hasMessageContaining("maxContainers");
  }

  @Test
  void builderSettings_defaultsAndOverrides() {
    Builder builder = Builder.create();
    assertThat(builder.builderImage(FunctionKind.GO124)).isEqualTo("fathom/builder-go124:latest");
    assertThat(builder.builderImage(FunctionKind.RUST189)).isEqualTo("fathom/builder-rust:latest");
    assertThat(builder.builderImage(FunctionKind.RUST186)).isEqualTo("fathom/builder-rust:latest");
    assertThat(builder.builderImage(FunctionKind.JVM21)).isEqualTo("fathom/builder-jvm21:latest");
    assertThat(builder.mavenMirror().getFileName().toString()).isEqualTo("maven-mirror");
    assertThat(builder.withMavenMirror(Path.of("/srv/mirror")).mavenMirror())
        .isEqualTo(Path.of("/srv/mirror"));
    assertThat(builder.compileLimits()).isEqualTo(CompileLimits.DEFAULT);
    CompileLimits limits = new CompileLimits(1, 512L << 20, java.time.Duration.ofSeconds(30));
    Builder custom =
        builder.withBuilderImage(FunctionKind.GO124, "golang:1.24").withCompileLimits(limits);
    assertThat(custom.builderImage(FunctionKind.GO124)).isEqualTo("golang:1.24");
    assertThat(custom.compileLimits()).isEqualTo(limits);
    assertThat(builder.builderImage(FunctionKind.GO124)).isEqualTo("fathom/builder-go124:latest");
    assertThatThrownBy(() -> new CompileLimits(0, 512L << 20, java.time.Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CompileLimits(1, 1024, java.time.Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CompileLimits(1, 512L << 20, java.time.Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
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
