package io.fathom.builder;

import static io.fathom.builder.BuildItSupport.copyTree;
import static io.fathom.builder.BuildItSupport.replace;
import static io.fathom.builder.BuildItSupport.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildRequest;
import io.fathom.builder.api.BuildResult;
import io.fathom.builder.api.BuildTarget;
import io.fathom.builder.api.Builder;
import io.fathom.builder.api.FunctionKind;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * python310 dependencies against the real Docker engine: a function depending on a tiny local
 * pure-Python package ({@link TinyWheel}, in a wheel directory) gets it installed by pip in the
 * python310 builder container ({@code scripts/images.sh python310-builder}) into its own layer, and
 * its image answers through it; a source-only change reuses that layer without running pip; an
 * unreachable index and a dependency the wheel directory lacks fail with clear codes. The image
 * also carries func.yaml's schemas: an input that violates the input schema gets 422.
 */
class Python310DependenciesIT {
  private static final Path REPO =
      Path.of(System.getProperty("fathom.repo.root", "..")).toAbsolutePath().normalize();
  private static final Path FIXTURE = REPO.resolve("builder/src/test/resources/python310-deps");
  private static final String BASE = "docker://fathom/base-python310:latest";

  @TempDir static Path work;
  private static Path cache;
  private static Builder builder;
  private static BuildResult first;
  private static final List<BuildEvent> firstEvents =
      Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void setUp() throws Exception {
    assertThat(DockerTools.run(REPO, "scripts/images.sh", "python310", "python310-builder"))
        .contains("fathom/base-python310:", "fathom/builder-python310:", "pip ");
    Path wheels = work.resolve("wheels");
    TinyWheel.writeTo(wheels, REPO);
    builder = Builder.create().withPythonWheels(wheels);
    cache = work.resolve("cache");
    first =
        builder.build(
            request(FIXTURE, BuildTarget.daemon("fathom-it/pydeps:first"), Map.of()),
            firstEvents::add);
    report("python310", "first build with a dependency (pip from the wheel directory)", first);
  }

  @AfterAll
  static void removeTestImages() throws Exception {
    for (String tag : List.of("first", "changed")) {
      new ProcessBuilder("docker", "image", "rm", "fathom-it/pydeps:" + tag)
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
                    REPO,
                    "docker",
                    "ps",
                    "-a",
                    "-q",
                    "--filter",
                    "label=io.fathom.builder=python310")
                .trim())
        .as("builder containers left behind")
        .isEmpty();
  }

  @Test
  void dependency_installedIntoItsOwnLayer_andTheImageAnswersThroughIt() throws Exception {
    assertThat(first.layers())
        .extracting(BuildResult.Layer::name)
        .containsExactly("schema", "runtime-shim", "dependencies", "source");
    assertThat(messages(firstEvents))
        .anySatisfy(line -> assertThat(line).contains("Successfully installed fathom-tinydep"));
    DockerTools.serve(
        REPO,
        first.imageId(),
        "fathom-it-pydeps",
        (base, name) -> {
          HttpResponse<String> ok = DockerTools.invoke(base, "{\"name\":\"ada\"}");
          assertThat(ok.statusCode()).as("logs: %s", DockerTools.logs(REPO, name)).isEqualTo(200);
          assertThat(ok.body()).isEqualTo("{\"greeting\":\"HELLO, ADA!\"}");
          assertThat(DockerTools.run(REPO, "docker", "exec", name, "ls", "/fathom/deps"))
              .contains("fathomtinydep");
        });
  }

  @Test
  void builtImage_rejectsInputThatViolatesFuncYamlsInputSchemaWith422() throws Exception {
    DockerTools.serve(
        REPO,
        first.imageId(),
        "fathom-it-pydeps-schema",
        (base, name) -> {
          HttpResponse<String> bad = DockerTools.invoke(base, "{\"name\":42}");
          assertThat(bad.statusCode()).as("logs: %s", DockerTools.logs(REPO, name)).isEqualTo(422);
          assertThat(bad.body()).contains("input-schema-violation");
          assertThat(
                  DockerTools.run(REPO, "docker", "exec", name, "cat", "/fathom/schema/input.json"))
              .contains("\"required\":[\"name\"]");
        });
  }

  @Test
  void sourceOnlyChange_reusesTheDependencyLayerWithoutRunningPip() throws Exception {
    Path changed = copyTree(FIXTURE, work, "changed");
    replace(changed.resolve("function/func.py"), "\"hello, \"", "\"hi, \"");
    List<BuildEvent> events = Collections.synchronizedList(new ArrayList<>());
    BuildResult result =
        builder.build(
            request(changed, BuildTarget.daemon("fathom-it/pydeps:changed"), Map.of()),
            events::add);
    report("python310", "source-only rebuild with a dependency", result);

    assertThat(result.digest()).isNotEqualTo(first.digest());
    assertThat(result.layers())
        .extracting(BuildResult.Layer::name, BuildResult.Layer::reused)
        .containsExactly(
            Tuple.tuple("schema", true),
            Tuple.tuple("runtime-shim", true),
            Tuple.tuple("dependencies", true),
            Tuple.tuple("source", false));
    assertThat(result.layers().get(2).digest()).isEqualTo(first.layers().get(2).digest());
    assertThat(messages(events))
        .contains(
            "dependency install skipped: the same dependencies, builder image and sources were"
                + " installed before")
        .noneSatisfy(line -> assertThat(line).contains("Successfully installed"));
  }

  @Test
  void unreachableIndex_failsWithPackageIndexUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String index = "http://user:s3cret@127.0.0.1:" + closedPort + "/simple";
    BuildException failure =
        catchThrowableOfType(
            BuildException.class,
            () ->
                Builder.create()
                    .build(
                        request(
                            FIXTURE,
                            BuildTarget.daemon("fathom-it/pydeps:never"),
                            Map.of("PIP_INDEX_URL", index)),
                        e -> {}));
    assertThat(failure).isNotNull();
    assertThat(failure.code()).isEqualTo("package-index-unreachable");
    assertThat(failure.getMessage())
        .contains("127.0.0.1:" + closedPort, "could not be reached", "PIP_INDEX_URL")
        .doesNotContain("s3cret");
  }

  @Test
  void dependencyMissingFromTheWheelDirectory_failsWithDependencyInstallFailedAndPipsMessage()
      throws Exception {
    Path missing = copyTree(FIXTURE, work, "missing");
    replace(
        missing.resolve("pyproject.toml"),
        "\"fathom-tinydep==1.0.0\"",
        "\"fathom-tinydep==1.0.0\", \"fathom-not-in-the-wheels==2.0\"");
    BuildException failure =
        catchThrowableOfType(
            BuildException.class,
            () ->
                builder.build(
                    request(missing, BuildTarget.daemon("fathom-it/pydeps:never"), Map.of()),
                    e -> {}));
    assertThat(failure).isNotNull();
    assertThat(failure.code()).isEqualTo("dependency-install-failed");
    assertThat(failure.getMessage())
        .contains("No matching distribution found for fathom-not-in-the-wheels==2.0");
  }

  private static List<String> messages(List<BuildEvent> events) {
    synchronized (events) {
      return events.stream()
          .filter(e -> e instanceof BuildEvent.Message)
          .map(e -> ((BuildEvent.Message) e).text())
          .toList();
    }
  }

  private static BuildRequest request(
      Path source, BuildTarget target, Map<String, String> buildEnv) {
    return BuildRequest.builder(FunctionKind.PYTHON310, source)
        .target(target)
        .baseImage(BASE)
        .cacheDir(cache)
        .buildEnv(buildEnv)
        .build();
  }
}
