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
 * rust189 (and one rust186) builds against the real Docker engine: the compile step in the offline
 * builder image (scripts/images.sh rust-builder, made or found cached here), the static binary on
 * {@code scratch}. The cargo volume keyed by the fixture's Cargo.toml is kept between runs (warm);
 * the reproducibility test compiles in a fresh volume and removes it. Fails loudly when the engine
 * or the image cannot be had.
 */
class Rust189BuildIT {
  private static final Path REPO =
      Path.of(System.getProperty("fathom.repo.root", "..")).toAbsolutePath().normalize();
  private static final Path FIXTURE = REPO.resolve("conformance/fixtures/rust189");
  private static final Path FIXTURE_186 = REPO.resolve("conformance/fixtures/rust186");
  private static final String SECRET = "planted-rust-build-secret-7d41a9";

  @TempDir static Path work;
  private static Path cache;
  private static BuildResult first;
  private static List<BuildEvent> firstEvents;

  @BeforeAll
  static void setUp() throws Exception {
    DockerTools.run(REPO, "scripts/docker.sh");
    String images = DockerTools.run(REPO, "scripts/images.sh", "rust-builder");
    assertThat(images).as("scripts/images.sh output").contains("fathom/builder-rust:", "1.");
    cache = work.resolve("cache");
    firstEvents = Collections.synchronizedList(new ArrayList<>());
    first =
        Builder.create()
            .build(
                request(
                    FIXTURE, BuildTarget.daemon("fathom-it/rust-fixture:first"), Map.of(), cache),
                firstEvents::add);
    report("first build (builder image cached; empty builder cache dir)", first);
  }

  @AfterAll
  static void removeTestImages() throws Exception {
    for (String tag : List.of("first", "again", "fresh", "changed", "broken", "rust186")) {
      quietly("docker", "image", "rm", "fathom-it/rust-fixture:" + tag);
    }
  }

  private static void quietly(String... command) throws Exception {
    new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start()
        .waitFor();
  }

  /**
   * No builder container of this test class is left: those labelled {@code
   * io.fathom.builder=rust189|rust186} whose mounts come from this class's temporary directory (a
   * benchmark or another build on the same engine may have its own running meanwhile).
   */
  @AfterEach
  void noBuilderContainerIsLeft() throws Exception {
    List<String> left = new ArrayList<>();
    for (String kind : List.of("rust189", "rust186")) {
      String ids =
          DockerTools.run(
              REPO, "docker", "ps", "-a", "-q", "--filter", "label=io.fathom.builder=" + kind);
      for (String id : ids.trim().split("\\s+")) {
        if (id.isEmpty()) {
          continue;
        }
        String mounts;
        try {
          mounts =
              DockerTools.run(
                  REPO,
                  "docker",
                  "inspect",
                  "--format",
                  "{{range .Mounts}}{{.Source}} {{end}}",
                  id);
        } catch (AssertionError gone) {
          continue; // removed meanwhile: not left behind
        }
        if (mounts.contains(work.toString())) {
          left.add(id + " " + mounts.trim());
        }
      }
    }
    assertThat(left).as("builder containers left behind").isEmpty();
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
        .anySatisfy(line -> assertThat(line).contains("fathom: building function with rustc 1."))
        .anySatisfy(line -> assertThat(line).contains("fathom: built "));
  }

  @Test
  void sameSourceTwice_sameDigest_recompiledInAFreshCache_andReusedInTheSameCache()
      throws Exception {
    // A Cargo.toml comment gives a cargo volume of its own: a cold compile of every crate, which
    // must give the very same binary (only the binary reaches the image).
    Path cold = copyFixture("cold");
    Files.writeString(
        cold.resolve("Cargo.toml"),
        Files.readString(cold.resolve("Cargo.toml")) + "# cold " + System.nanoTime() + "\n");
    // The volume name Rust189Strategy gives a tree without Cargo.lock.
    String volume =
        "fathom-rust-cache-default-toml-"
            + java.util.HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(cold.resolve("Cargo.toml"))))
                .substring(0, 16);
    List<BuildEvent> freshEvents = Collections.synchronizedList(new ArrayList<>());
    BuildResult fresh;
    try {
      fresh =
          Builder.create()
              .build(
                  request(
                      cold,
                      BuildTarget.daemon("fathom-it/rust-fixture:fresh"),
                      Map.of(),
                      work.resolve("fresh-cache")),
                  freshEvents::add);
    } finally {
      assertThat(DockerTools.run(REPO, "docker", "volume", "ls", "-q")).contains(volume);
      quietly("docker", "volume", "rm", "-f", volume);
    }
    report("rebuild in an empty cache dir and an empty cargo volume (every crate compiled)", fresh);
    assertThat(compilerLines(freshEvents)).isNotEmpty();
    assertThat(fresh.digest()).as("the rust build is reproducible").isEqualTo(first.digest());

    List<BuildEvent> againEvents = Collections.synchronizedList(new ArrayList<>());
    BuildResult again =
        Builder.create()
            .build(
                request(
                    FIXTURE, BuildTarget.daemon("fathom-it/rust-fixture:again"), Map.of(), cache),
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
    replace(changed.resolve("src/function.rs"), "unknown action {:?}", "unknown action: {:?}");
    BuildResult result =
        Builder.create()
            .build(
                request(
                    changed, BuildTarget.daemon("fathom-it/rust-fixture:changed"), Map.of(), cache),
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
        broken.resolve("src/function.rs"),
        "other => Err(format!(\"unknown action {:?}\", other)),",
        "_other => Err(not_defined_anywhere),");
    List<BuildEvent> events = Collections.synchronizedList(new ArrayList<>());
    BuildException failure =
        catchThrowableOfType(
            BuildException.class,
            () ->
                Builder.create()
                    .build(
                        request(
                            broken,
                            BuildTarget.daemon("fathom-it/rust-fixture:broken"),
                            Map.of(),
                            cache),
                        events::add));
    assertThat(failure).isNotNull();
    assertThat(failure.code()).isEqualTo("compile-failed");
    assertThat(failure.getMessage())
        .contains("cannot find value `not_defined_anywhere` in this scope");
    List<String> warnings =
        events.stream()
            .filter(e -> e instanceof BuildEvent.Message m && m.level() == BuildEvent.Level.WARN)
            .map(e -> ((BuildEvent.Message) e).text())
            .toList();
    assertThat(warnings)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("error[E0425]")
                    .contains("cannot find value `not_defined_anywhere`"))
        .anySatisfy(line -> assertThat(line).contains("src/function.rs:"));
  }

  @Test
  void missingCargoToml_failsBeforeAnyContainer() throws Exception {
    Path noMod = copyFixture("nomod");
    Files.delete(noMod.resolve("Cargo.toml"));
    List<BuildEvent> events = Collections.synchronizedList(new ArrayList<>());
    assertThatThrownBy(
            () ->
                Builder.create()
                    .build(
                        request(
                            noMod,
                            BuildTarget.daemon("fathom-it/rust-fixture:nomod"),
                            Map.of(),
                            cache),
                        events::add))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("missing-cargo-toml"));
    assertThat(compilerLines(events)).isEmpty();
  }

  @Test
  void tar_buildEnvSecretReachesTheCompileStepButNotTheImage() throws Exception {
    Path tar = work.resolve("rust-fixture.tar");
    List<BuildEvent> events = Collections.synchronizedList(new ArrayList<>());
    BuildRequest request =
        request(
            FIXTURE,
            BuildTarget.tarFile(tar, "fathom-it/rust-fixture:tar"),
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
    runAndEcho(first.imageId(), "rust189");
  }

  @Test
  void rust186_buildsWithTheSameStrategy_runsAndEchoes() throws Exception {
    List<BuildEvent> events = Collections.synchronizedList(new ArrayList<>());
    BuildResult result =
        Builder.create()
            .build(
                BuildRequest.builder(FunctionKind.RUST186, FIXTURE_186)
                    .target(BuildTarget.daemon("fathom-it/rust-fixture:rust186"))
                    .baseImage("scratch")
                    .cacheDir(cache)
                    .build(),
                events::add);
    report("rust186 fixture (shared cargo volume)", result);
    assertThat(compilerLines(events)).isNotEmpty();
    assertThat(
            DockerTools.run(
                REPO,
                "docker",
                "image",
                "inspect",
                "--format",
                "{{index .Config.Labels \"io.fathom.kind\"}}",
                result.imageId()))
        .contains("rust186");
    runAndEcho(result.imageId(), "rust186");
  }

  private static void runAndEcho(String imageId, String kind) throws Exception {
    String inspect =
        DockerTools.run(
            REPO,
            "docker",
            "image",
            "inspect",
            "--format",
            "{{json .Config.Entrypoint}} {{.Config.User}} {{json .Config.Env}}",
            imageId);
    assertThat(inspect).contains("[\"/fathom/bin/function\"]", "65534:65534", "PORT=8080");
    DockerTools.assertServesEcho(
        REPO, imageId, "fathom-it-" + kind + "-fixture", "hi from scratch", name -> {});
  }

  private static BuildRequest request(
      Path source, BuildTarget target, Map<String, String> buildEnv, Path cacheDir) {
    return BuildRequest.builder(FunctionKind.RUST189, source)
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
    BuildItSupport.report("rust", what, result);
  }
}
