package io.fathom.builder;

import static io.fathom.builder.BuildItSupport.compilerLines;
import static io.fathom.builder.BuildItSupport.copyTree;
import static io.fathom.builder.BuildItSupport.replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildRequest;
import io.fathom.builder.api.BuildResult;
import io.fathom.builder.api.BuildTarget;
import io.fathom.builder.api.Builder;
import io.fathom.builder.api.FunctionKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * jvm21 builds against the real Docker engine: the rendered jvm21 template built by Maven in the
 * offline builder image (scripts/images.sh jvm21-builder) from the Maven file mirror
 * (scripts/maven-mirror.sh), layered onto the offline runtime base (scripts/images.sh jvm21), all
 * made or found cached here. Fails loudly when the engine, an image or the mirror cannot be had.
 */
class Jvm21BuildIT {
  private static final Path REPO =
      Path.of(System.getProperty("fathom.repo.root", "..")).toAbsolutePath().normalize();
  private static final String BASE = "docker://fathom/base-jvm21:latest";
  private static final String SECRET = "planted-jvm-build-secret-9d41b7";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Outside the build tree, so that a second run finds it made (its content key matches). */
  static final Path MIRROR =
      Path.of(System.getProperty("java.io.tmpdir"), "fathom-it-maven-mirror");

  @TempDir static Path work;
  private static Path cache;
  private static Path template;
  private static BuildResult first;
  private static List<BuildEvent> firstEvents;

  @BeforeAll
  static void setUp() throws Exception {
    DockerTools.run(REPO, "scripts/docker.sh");
    String images = DockerTools.run(REPO, "scripts/images.sh", "jvm21", "jvm21-builder");
    assertThat(images)
        .as("scripts/images.sh output")
        .contains("fathom/base-jvm21:", "fathom/builder-jvm21:", "Maven 3.");
    String mirror = DockerTools.run(REPO, "scripts/maven-mirror.sh", MIRROR.toString());
    assertThat(mirror).contains(MIRROR.toString());
    cache = work.resolve("cache");
    template = render("greeter");
    firstEvents = Collections.synchronizedList(new ArrayList<>());
    first =
        builder()
            .build(
                request(
                    template, BuildTarget.daemon("fathom-it/jvm-greeter:first"), Map.of(), cache),
                firstEvents::add);
    report("first build (images and mirror cached; empty builder cache dir)", first);
  }

  @AfterAll
  static void removeTestImages() throws Exception {
    for (String tag : List.of("first", "again", "fresh", "changed", "broken", "nopom")) {
      new ProcessBuilder("docker", "image", "rm", "fathom-it/jvm-greeter:" + tag)
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
                    REPO, "docker", "ps", "-a", "-q", "--filter", "label=io.fathom.builder=jvm21")
                .trim())
        .as("builder containers left behind")
        .isEmpty();
  }

  @Test
  void firstBuild_mavenRanInTheBuilderContainer_jibsLayerSplit() {
    assertThat(first.layers())
        .extracting(BuildResult.Layer::name)
        // func.yaml's schemas right on the base (every kind), then Jib's split.
        .containsExactly("schema", "host", "classes");
    assertThat(compilerLines(firstEvents))
        .anySatisfy(line -> assertThat(line).contains("fathom: building greeter with Maven 3."))
        .anySatisfy(line -> assertThat(line).contains("from the file mirror"))
        .anySatisfy(line -> assertThat(line).contains("fathom: built 3 classes"));
    assertThat(firstEvents)
        .filteredOn(e -> e instanceof BuildEvent.Message m && m.level() == BuildEvent.Level.INFO)
        .map(e -> ((BuildEvent.Message) e).text())
        .anySatisfy(line -> assertThat(line).contains("BUILD SUCCESS"));
  }

  @Test
  void run_templateAnswersItsGreetingThroughTheJvmHost() throws Exception {
    String inspect =
        DockerTools.run(
            REPO,
            "docker",
            "image",
            "inspect",
            "--format",
            "{{json .Config.Entrypoint}} {{.Config.User}} {{json .Config.Env}}",
            first.imageId());
    assertThat(inspect)
        .contains(
            "\"java\",\"-cp\",\"/fathom/host/runtime-jvm-",
            "/app/resources:/app/classes:/app/libs/*\",\"io.fathom.runtime.host.Main\"]",
            "65534:65534",
            "PORT=8080",
            "FATHOM_FUNCTION_CLASS=com.example.function.Handler",
            "JAVA_HOME=/opt/java");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String name = "fathom-it-jvm-greeter-" + port;
    DockerTools.run(
        REPO,
        "docker",
        "run",
        "-d",
        "--rm",
        "--network=host",
        "--name",
        name,
        "-e",
        "PORT=" + port,
        first.imageId());
    try {
      String base = "http://127.0.0.1:" + port;
      long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      int ready = 0;
      while (System.nanoTime() < until && ready != 200) {
        try {
          ready =
              HTTP.send(
                      HttpRequest.newBuilder(URI.create(base + "/_/ready")).build(),
                      HttpResponse.BodyHandlers.discarding())
                  .statusCode();
        } catch (IOException notYet) {
          // not listening yet
        }
        if (ready != 200) {
          Thread.sleep(100);
        }
      }
      assertThat(ready).as("GET /_/ready; logs: %s", DockerTools.logs(REPO, name)).isEqualTo(200);
      HttpResponse<String> reply =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/invoke"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(reply.statusCode()).as("logs: %s", DockerTools.logs(REPO, name)).isEqualTo(200);
      assertThat(reply.body()).contains("\"greeting\":\"Hello, Ada!\"");
    } finally {
      DockerTools.run(REPO, "docker", "rm", "-f", name);
    }
  }

  @Test
  void sameSourceTwice_sameDigest_recompiledInAFreshCache_andReusedInTheSameCache()
      throws Exception {
    List<BuildEvent> freshEvents = Collections.synchronizedList(new ArrayList<>());
    BuildResult fresh =
        builder()
            .build(
                request(
                    template,
                    BuildTarget.daemon("fathom-it/jvm-greeter:fresh"),
                    Map.of(),
                    work.resolve("fresh-cache")),
                freshEvents::add);
    report("rebuild in an empty cache dir (Maven runs again)", fresh);
    assertThat(compilerLines(freshEvents)).isNotEmpty();
    assertThat(fresh.digest()).as("the Maven build is reproducible").isEqualTo(first.digest());

    List<BuildEvent> againEvents = Collections.synchronizedList(new ArrayList<>());
    BuildResult again =
        builder()
            .build(
                request(
                    template, BuildTarget.daemon("fathom-it/jvm-greeter:again"), Map.of(), cache),
                againEvents::add);
    report("no-change rebuild", again);
    assertThat(again.digest()).isEqualTo(first.digest());
    assertThat(again.imageId()).isEqualTo(first.imageId());
    assertThat(again.layers()).allSatisfy(l -> assertThat(l.reused()).isTrue());
    assertThat(compilerLines(againEvents)).isEmpty();
    assertThat(againEvents.toString()).contains("compile step skipped");
  }

  @Test
  void changedSource_newDigest_onlyTheClassesLayerRebuilt() throws Exception {
    Path changed = copyTree(template, work, "changed");
    replace(
        changed.resolve("src/main/java/com/example/function/Handler.java"),
        "\"Hello, \"",
        "\"Hi, \"");
    BuildResult result =
        builder()
            .build(
                request(
                    changed, BuildTarget.daemon("fathom-it/jvm-greeter:changed"), Map.of(), cache),
                e -> {});
    report("source-only rebuild", result);
    assertThat(result.digest()).isNotEqualTo(first.digest());
    assertThat(result.layers())
        .extracting(BuildResult.Layer::name, BuildResult.Layer::reused)
        .containsExactly(tuple("schema", true), tuple("host", true), tuple("classes", false));
  }

  @Test
  void compileError_failsWithCompileFailedAndJavacsMessage() throws Exception {
    Path broken = copyTree(template, work, "broken");
    replace(
        broken.resolve("src/main/java/com/example/function/Handler.java"),
        "String mlServiceUrl = mlServiceUrl(context.sdk());",
        "String mlServiceUrl = notDefinedAnywhere(context.sdk());");
    List<BuildEvent> events = Collections.synchronizedList(new ArrayList<>());
    BuildException failure =
        catchThrowableOfType(
            BuildException.class,
            () ->
                builder()
                    .build(
                        request(
                            broken,
                            BuildTarget.daemon("fathom-it/jvm-greeter:broken"),
                            Map.of(),
                            cache),
                        events::add));
    assertThat(failure).isNotNull();
    assertThat(failure.code()).isEqualTo("compile-failed");
    assertThat(failure.getMessage()).contains("Handler.java").contains("cannot find symbol");
    assertThat(events)
        .filteredOn(e -> e instanceof BuildEvent.Message m && m.level() == BuildEvent.Level.WARN)
        .map(e -> ((BuildEvent.Message) e).text())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("com/example/function/Handler.java")
                    .contains("cannot find symbol"));
  }

  @Test
  void missingPomXml_failsBeforeAnyContainer() throws Exception {
    Path noPom = copyTree(template, work, "nopom");
    Files.delete(noPom.resolve("pom.xml"));
    List<BuildEvent> events = Collections.synchronizedList(new ArrayList<>());
    assertThatThrownBy(
            () ->
                builder()
                    .build(
                        request(
                            noPom,
                            BuildTarget.daemon("fathom-it/jvm-greeter:nopom"),
                            Map.of(),
                            cache),
                        events::add))
        .isInstanceOfSatisfying(
            BuildException.class, e -> assertThat(e.code()).isEqualTo("missing-pom-xml"));
    assertThat(compilerLines(events)).isEmpty();
  }

  @Test
  void tar_buildEnvSecretReachesTheCompileStepButNotTheImage() throws Exception {
    Path tar = work.resolve("jvm-greeter.tar");
    List<BuildEvent> events = Collections.synchronizedList(new ArrayList<>());
    BuildRequest request =
        request(
            template,
            BuildTarget.tarFile(tar, "fathom-it/jvm-greeter:tar"),
            Map.of("API_TOKEN", SECRET),
            cache);
    BuildResult result = builder().build(request, events::add);

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

  private static Builder builder() {
    return Builder.create().withMavenMirror(MIRROR);
  }

  private static BuildRequest request(
      Path source, BuildTarget target, Map<String, String> buildEnv, Path cacheDir) {
    return BuildRequest.builder(FunctionKind.JVM21, source)
        .target(target)
        .baseImage(BASE)
        .cacheDir(cacheDir)
        .buildEnv(buildEnv)
        .revisionDigest("sha256:" + "2".repeat(64))
        .build();
  }

  private static Path render(String name) throws Exception {
    return BuildItSupport.renderTemplate(work, "jvm21", name);
  }

  private static void report(String what, BuildResult result) {
    BuildItSupport.report("jvm21", what, result);
  }
}
