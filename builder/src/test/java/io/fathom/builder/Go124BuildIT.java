package io.fathom.builder;

import static io.fathom.builder.BuildItSupport.compilerLines;
import static io.fathom.builder.BuildItSupport.copyTree;
import static io.fathom.builder.BuildItSupport.replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildRequest;
import io.fathom.builder.api.BuildResult;
import io.fathom.builder.api.BuildTarget;
import io.fathom.builder.api.Builder;
import io.fathom.builder.api.FunctionKind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * go124 builds against the real Docker engine: the compile step in the offline builder image
 * (scripts/images.sh go124-builder, made or found cached here), the binary on {@code scratch}.
 * Fails loudly when the engine or the image cannot be had.
 */
class Go124BuildIT {
  private static final Path REPO =
      Path.of(System.getProperty("fathom.repo.root", "..")).toAbsolutePath().normalize();
  private static final Path FIXTURE = REPO.resolve("conformance/fixtures/go124");
  private static final String SECRET = "planted-go-build-secret-51c2e0";

  @TempDir static Path work;
  private static Path cache;
  private static BuildResult first;
  private static List<BuildEvent> firstEvents;

  @BeforeAll
  static void setUp() throws Exception {
    DockerTools.run(REPO, "scripts/docker.sh");
    String images = DockerTools.run(REPO, "scripts/images.sh", "go124-builder");
    assertThat(images).as("scripts/images.sh output").contains("fathom/builder-go124:", "go1.");
    cache = work.resolve("cache");
    firstEvents = Collections.synchronizedList(new ArrayList<>());
    first =
        Builder.create()
            .build(
                request(FIXTURE, BuildTarget.daemon("fathom-it/go-fixture:first"), Map.of(), cache),
                firstEvents::add);
    report("first build (builder image cached; empty builder cache dir)", first);
  }

  @AfterAll
  static void removeTestImages() throws Exception {
    for (String tag : List.of("first", "again", "fresh", "changed", "broken")) {
      new ProcessBuilder("docker", "image", "rm", "fathom-it/go-fixture:" + tag)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
    }
  }

  @AfterEach
  void noBuilderContainerIsLeft() throws Exception {
    assertThat(
            DockerTools.run(
                    REPO, "docker", "ps", "-a", "-q", "--filter", "label=io.fathom.builder=go124")
                .trim())
        .as("builder containers left behind")
        .isEmpty();
  }

  @Test
  void firstBuild_compiledInTheBuilderContainerWithItsOutputAsEvents() {
    assertThat(first.layers())
        .extracting(BuildResult.Layer::name)
        .containsExactly("schema", "runtime-fs", "binary");
    assertThat(first.steps())
        .extracting(BuildResult.Step::name)
        .contains("prepare", "containerize");
    assertThat(compilerLines(firstEvents))
        .anySatisfy(line -> assertThat(line).contains("fathom: building fathom.local/function"))
        .anySatisfy(line -> assertThat(line).contains("GOPROXY=off"));
  }

  @Test
  void sameSourceTwice_sameDigest_recompiledInAFreshCache_andReusedInTheSameCache()
      throws Exception {
    List<BuildEvent> freshEvents = Collections.synchronizedList(new ArrayList<>());
    BuildResult fresh =
        Builder.create()
            .build(
                request(
                    FIXTURE,
                    BuildTarget.daemon("fathom-it/go-fixture:fresh"),
                    Map.of(),
                    work.resolve("fresh-cache")),
                freshEvents::add);
    report("rebuild in an empty cache dir (compiler runs again)", fresh);
    assertThat(compilerLines(freshEvents)).isNotEmpty();
    assertThat(fresh.digest()).as("go build is reproducible").isEqualTo(first.digest());

    List<BuildEvent> againEvents = Collections.synchronizedList(new ArrayList<>());
    BuildResult again =
        Builder.create()
            .build(
                request(FIXTURE, BuildTarget.daemon("fathom-it/go-fixture:again"), Map.of(), cache),
                againEvents::add);
    report("no-change rebuild", again);
    assertThat(again.digest()).isEqualTo(first.digest());
    assertThat(again.imageId()).isEqualTo(first.imageId());
    assertThat(again.layers()).allSatisfy(l -> assertThat(l.reused()).isTrue());
    assertThat(compilerLines(againEvents)).isEmpty();
    assertThat(againEvents.toString()).contains("compile step skipped");
  }

  @Test
  void changedSource_newDigest_onlyTheBinaryLayerRebuilt() throws Exception {
    Path changed = copyFixture("changed");
    replace(changed.resolve("function/handler.go"), "unknown action %q", "unknown action: %q");
    BuildResult result =
        Builder.create()
            .build(
                request(
                    changed, BuildTarget.daemon("fathom-it/go-fixture:changed"), Map.of(), cache),
                e -> {});
    report("source-only rebuild", result);
    assertThat(result.digest()).isNotEqualTo(first.digest());
    assertThat(result.layers())
        .extracting(BuildResult.Layer::name, BuildResult.Layer::reused)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("schema", true),
            org.assertj.core.groups.Tuple.tuple("runtime-fs", true),
            org.assertj.core.groups.Tuple.tuple("binary", false));
  }

  @Test
  void compileError_failsWithCompileFailedAndTheCompilersMessageInTheEvents() throws Exception {
    Path broken = copyFixture("broken");
    replace(
        broken.resolve("function/handler.go"),
        "return nil, fmt.Errorf(\"unknown action %q\", in.Action)",
        "return nil, notDefinedAnywhere");
    List<BuildEvent> events = Collections.synchronizedList(new ArrayList<>());
    BuildException failure =
        catchThrowableOfType(
            BuildException.class,
            () ->
                Builder.create()
                    .build(
                        request(
                            broken,
                            BuildTarget.daemon("fathom-it/go-fixture:broken"),
                            Map.of(),
                            cache),
                        events::add));
    assertThat(failure).isNotNull();
    assertThat(failure.code()).isEqualTo("compile-failed");
    assertThat(failure.getMessage()).contains("undefined: notDefinedAnywhere");
    assertThat(events)
        .filteredOn(e -> e instanceof BuildEvent.Message m && m.level() == BuildEvent.Level.WARN)
        .map(e -> ((BuildEvent.Message) e).text())
        .anySatisfy(
            line ->
                assertThat(line).contains("handler.go").contains("undefined: notDefinedAnywhere"));
  }

  @Test
  void missingGoMod_failsBeforeAnyContainer() throws Exception {
    Path noMod = copyFixture("nomod");
    Files.delete(noMod.resolve("go.mod"));
    List<BuildEvent> events = Collections.synchronizedList(new ArrayList<>());
    assertThatThrownBy(
            () ->
                Builder.create()
                    .build(
                        request(
                            noMod,
                            BuildTarget.daemon("fathom-it/go-fixture:nomod"),
                            Map.of(),
                            cache),
                        events::add))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("missing-go-mod"));
    assertThat(compilerLines(events)).isEmpty();
  }

  @Test
  void tar_buildEnvSecretReachesTheCompileStepButNotTheImage() throws Exception {
    Path tar = work.resolve("go-fixture.tar");
    List<BuildEvent> events = Collections.synchronizedList(new ArrayList<>());
    BuildRequest request =
        request(
            FIXTURE,
            BuildTarget.tarFile(tar, "fathom-it/go-fixture:tar"),
            Map.of("API_TOKEN", SECRET),
            cache);
    BuildResult result = Builder.create().build(request, events::add);

    assertThat(compilerLines(events))
        .as("a new build env runs the compile step again")
        .isNotEmpty();
    assertThat(result.digest()).as("build env does not change the image").isEqualTo(first.digest());
    List<String> scanned = new ArrayList<>();
    try (TarArchiveInputStream image = new TarArchiveInputStream(Files.newInputStream(tar))) {
      TarArchiveEntry entry;
      while ((entry = image.getNextEntry()) != null) {
        byte[] bytes = image.readAllBytes();
        if (entry.getName().endsWith(".tar.gz")) {
          bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
        }
        scanned.add(entry.getName());
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
            .as("image entry %s", entry.getName())
            .doesNotContain(SECRET);
      }
    }
    assertThat(scanned).contains("manifest.json", "config.json").hasSizeGreaterThan(2);
    assertThat(events.toString()).doesNotContain(SECRET);
    assertThat(request.toString()).doesNotContain(SECRET);
    try (Stream<Path> files = Files.walk(cache)) {
      assertThat(files.map(Path::toString)).noneMatch(p -> p.contains(SECRET));
    }
  }

  @Test
  void run_builtFixtureServesTheRuntimeContractFromScratch() throws Exception {
    String inspect =
        DockerTools.run(
            REPO,
            "docker",
            "image",
            "inspect",
            "--format",
            "{{json .Config.Entrypoint}} {{.Config.User}} {{json .Config.Env}}",
            first.imageId());
    assertThat(inspect).contains("[\"/fathom/bin/function\"]", "65534:65534", "PORT=8080");
    DockerTools.assertServesEcho(
        REPO, first.imageId(), "fathom-it-go-fixture", "hi from scratch", name -> {});
  }

  private static BuildRequest request(
      Path source, BuildTarget target, Map<String, String> buildEnv, Path cacheDir) {
    return BuildRequest.builder(FunctionKind.GO124, source)
        .target(target)
        .baseImage("scratch")
        .cacheDir(cacheDir)
        .buildEnv(buildEnv)
        .revisionDigest("sha256:" + "1".repeat(64))
        .build();
  }

  private static Path copyFixture(String name) throws Exception {
    return copyTree(FIXTURE, work, name);
  }

  private static void report(String what, BuildResult result) {
    BuildItSupport.report("go124", what, result);
  }
}
