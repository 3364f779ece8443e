package io.fathom.builder;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildRequest;
import io.fathom.builder.api.BuildResult;
import io.fathom.builder.api.BuildTarget;
import io.fathom.builder.api.Builder;
import io.fathom.builder.api.FunctionKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * python310 builds against the real Docker engine and a local registry. Makes (or finds cached) the
 * offline base image with scripts/images.sh and starts scripts/registry.sh itself; fails loudly
 * when either cannot be had.
 */
class Python310BuildIT {
  private static final Path REPO =
      Path.of(System.getProperty("fathom.repo.root", "..")).toAbsolutePath().normalize();
  private static final String BASE = "docker://fathom/base-python310:latest";
  private static final String SECRET = "planted-build-secret-7f3a9c";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path work;
  private static String registry;
  private static Path template;
  private static BuildResult first;

  @BeforeAll
  static void setUp() throws Exception {
    String images = DockerTools.run(REPO, "scripts/images.sh", "python310");
    assertThat(images)
        .as("scripts/images.sh output")
        .contains("fathom/base-python310:", "Python 3.");
    // The address is the script's last line; a first start on a fresh machine installs
    // docker-registry first, and apt's messages come before it (stderr is merged in).
    String started = DockerTools.run(REPO, "scripts/registry.sh", "start").trim();
    registry = started.substring(started.lastIndexOf('\n') + 1).trim();
    assertThat(registry)
        .as("scripts/registry.sh start: %s", started)
        .matches("127\\.0\\.0\\.1:\\d+");
    template = render("greeter");
    first = build(template, BuildTarget.daemon("fathom-it/greeter:first"), Map.of());
    report("first build (base image cached in the daemon, empty builder cache)", first);
  }

  @AfterAll
  static void removeTestImages() throws Exception {
    for (String tag : List.of("greeter:first", "greeter:again", "greeter:changed", "fixture:run")) {
      // Best effort: a test that failed early never made its tag.
      new ProcessBuilder("docker", "image", "rm", "fathom-it/" + tag)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
    }
  }

  @Test
  void daemon_sameSourceTwiceGivesTheSameDigestAndReusesEveryLayer() throws Exception {
    BuildResult again = build(template, BuildTarget.daemon("fathom-it/greeter:again"), Map.of());
    report("no-change rebuild", again);

    assertThat(again.digest()).isEqualTo(first.digest()).startsWith("sha256:");
    assertThat(again.imageId()).isEqualTo(first.imageId());
    assertThat(first.layers())
        .extracting(BuildResult.Layer::name)
        .containsExactly("schema", "runtime-shim", "source");
    assertThat(first.layers()).allSatisfy(l -> assertThat(l.sizeBytes()).isPositive());
    assertThat(again.layers()).allSatisfy(l -> assertThat(l.reused()).isTrue());
    assertThat(again.layers())
        .isEqualTo(first.layers().stream().map(Python310BuildIT::asReused).toList());
    assertThat(
            DockerTools.run(
                    REPO,
                    "docker",
                    "image",
                    "inspect",
                    "--format",
                    "{{.Id}}",
                    "fathom-it/greeter:again")
                .trim())
        .isEqualTo(again.imageId());
  }

  @Test
  void daemon_changedSourceChangesTheDigestAndRebuildsOnlyTheSourceLayer() throws Exception {
    Path changed = render("greeter");
    Path func = changed.resolve("function/func.py");
    Files.writeString(func, Files.readString(func).replace("Hello, ", "Hi, "));

    BuildResult result = build(changed, BuildTarget.daemon("fathom-it/greeter:changed"), Map.of());
    report("source-only rebuild", result);

    assertThat(result.digest()).isNotEqualTo(first.digest());
    assertThat(result.layers())
        .extracting(BuildResult.Layer::name, BuildResult.Layer::reused)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("schema", true),
            org.assertj.core.groups.Tuple.tuple("runtime-shim", true),
            org.assertj.core.groups.Tuple.tuple("source", false));
    assertThat(result.layers().get(1).digest()).isEqualTo(first.layers().get(1).digest());
    assertThat(result.layers().get(2).digest()).isNotEqualTo(first.layers().get(2).digest());
  }

  @Test
  void registry_pushGivesTheSameDigestAsTheDaemonBuild() throws Exception {
    String ref = registry + "/fathom-it/greeter:pushed";
    BuildResult pushed = build(template, BuildTarget.registry(ref, true), Map.of());
    report("registry push", pushed);

    assertThat(pushed.digest()).isEqualTo(first.digest());
    HttpResponse<String> manifest =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://"
                            + registry
                            + "/v2/fathom-it/greeter/manifests/"
                            + pushed.digest()))
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(manifest.statusCode()).isEqualTo(200);
    assertThat(manifest.headers().firstValue("Docker-Content-Digest")).contains(pushed.digest());
  }

  @Test
  void tar_buildEnvSecretAppearsNowhereInTheImage() throws Exception {
    Path tar = work.resolve("greeter.tar");
    List<BuildEvent> events = Collections.synchronizedList(new ArrayList<>());
    BuildRequest request =
        request(
            template,
            BuildTarget.tarFile(tar, "fathom-it/greeter:tar"),
            Map.of("API_TOKEN", SECRET));

    BuildResult result = Builder.create().build(request, events::add);

    assertThat(result.digest()).as("build env does not change the image").isEqualTo(first.digest());
    List<String> scanned = new ArrayList<>();
    try (TarArchiveInputStream image = new TarArchiveInputStream(Files.newInputStream(tar))) {
      TarArchiveEntry entry;
      while ((entry = image.getNextEntry()) != null) {
        byte[] bytes = image.readAllBytes();
        if (entry.getName().endsWith(".tar.gz")) {
          bytes = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes)).readAllBytes();
        }
        scanned.add(entry.getName());
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
            .as("image entry %s", entry.getName())
            .doesNotContain(SECRET);
      }
    }
    assertThat(scanned).contains("manifest.json", "config.json").hasSizeGreaterThan(3);
    assertThat(events.toString()).doesNotContain(SECRET);
    assertThat(request.toString()).doesNotContain(SECRET);
  }

  @Test
  void run_builtFixtureServesTheRuntimeContract() throws Exception {
    Path fixture = REPO.resolve("conformance/fixtures/python310");
    BuildResult result = build(fixture, BuildTarget.daemon("fathom-it/fixture:run"), Map.of());
    DockerTools.assertServesEcho(
        REPO,
        result.imageId(),
        "fathom-it-python310",
        "hi from the image",
        name ->
            assertThat(DockerTools.run(REPO, "docker", "exec", name, "id", "-u").trim())
                .isEqualTo("65534"));
  }

  @Test
  void run_builtImageValidatesAgainstFuncYamlsSchemasWithoutBeingTold() throws Exception {
    Path fixture = REPO.resolve("conformance/fixtures/python310");
    BuildResult result = build(fixture, BuildTarget.daemon("fathom-it/fixture:run"), Map.of());
    assertThat(result.layers()).extracting(BuildResult.Layer::name).startsWith("schema");
    DockerTools.serve(
        REPO,
        result.imageId(),
        "fathom-it-python310-schema",
        (base, name) -> {
          // func.yaml: input requires "action"; output must not have "unexpected".
          HttpResponse<String> input = DockerTools.invoke(base, "{\"value\":1}");
          assertThat(input.statusCode())
              .as("logs: %s", DockerTools.logs(REPO, name))
              .isEqualTo(422);
          assertThat(input.body()).contains("input-schema-violation");
          HttpResponse<String> output = DockerTools.invoke(base, "{\"action\":\"bad-output\"}");
          assertThat(output.statusCode()).isEqualTo(500);
          assertThat(output.body()).contains("output-schema-violation");
          assertThat(
                  DockerTools.run(
                      REPO,
                      "docker",
                      "exec",
                      name,
                      "sh",
                      "-c",
                      "echo $FATHOM_INPUT_SCHEMA_FILE $FATHOM_OUTPUT_SCHEMA_FILE"))
              .contains("/fathom/schema/input.json /fathom/schema/output.json");
        });
  }

  private static BuildResult.Layer asReused(BuildResult.Layer layer) {
    return new BuildResult.Layer(layer.name(), layer.digest(), layer.sizeBytes(), true);
  }

  private static BuildRequest request(
      Path source, BuildTarget target, Map<String, String> buildEnv) {
    return BuildRequest.builder(FunctionKind.PYTHON310, source)
        .target(target)
        .baseImage(BASE)
        .cacheDir(work.resolve("cache"))
        .buildEnv(buildEnv)
        .revisionDigest("sha256:" + "0".repeat(64))
        .build();
  }

  private static BuildResult build(Path source, BuildTarget target, Map<String, String> buildEnv)
      throws Exception {
    return Builder.create().build(request(source, target, buildEnv), event -> {});
  }

  private static Path render(String name) throws Exception {
    return BuildItSupport.renderTemplate(work, "python310", name);
  }

  private static void report(String what, BuildResult result) {
    System.out.printf(
        "[builder-it] %s: %d ms (%s) digest %s layers %s%n",
        what,
        result.total().toMillis(),
        result.steps().stream().map(s -> s.name() + " " + s.duration().toMillis() + " ms").toList(),
        result.digest(),
        result.layers().stream()
            .map(l -> l.name() + " " + l.sizeBytes() + " B" + (l.reused() ? " reused" : " built"))
            .toList());
  }
}
