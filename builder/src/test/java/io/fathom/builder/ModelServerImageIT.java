package io.fathom.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildResult;
import io.fathom.builder.api.BuildTarget;
import io.fathom.builder.api.Builder;
import io.fathom.builder.api.ModelServerRequest;
import io.fathom.builder.api.ModelServerVariant;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CPU model server image built into the real Docker engine on the offline Java base
 * (scripts/images.sh jvm21), run as the platform runs it ({@code --network=host}, {@code PORT})
 * with the Iris test model (scripts/onnx-test-models.sh) mounted as {@code FATHOM_MODEL_DIR}: it
 * serves V2 inferences on {@code CPUExecutionProvider}, loading ONNX Runtime's libraries from the
 * {@code onnxruntime-native} layer (the image's ONNX Runtime jar has none). Fails loudly when the
 * engine, the base image or the model cannot be had.
 */
class ModelServerImageIT {
  private static final Path REPO =
      Path.of(System.getProperty("fathom.repo.root", "..")).toAbsolutePath().normalize();
  private static final Path CPU_JAR = Path.of(System.getProperty("fathom.onnxruntime.cpu-jar"));
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path work;
  private static Path cache;
  private static Path modelDir;
  private static BuildResult first;
  private static List<BuildEvent> firstEvents;

  @BeforeAll
  static void setUp() throws Exception {
    DockerTools.run(REPO, "scripts/docker.sh");
    String images = DockerTools.run(REPO, "scripts/images.sh", "jvm21");
    assertThat(images).as("scripts/images.sh output").contains("fathom/base-jvm21:");
    Path models = work.resolve("models");
    DockerTools.run(REPO, "scripts/onnx-test-models.sh", models.toString());
    // A directory holding only model.onnx is served from the graph alone; the container's user
    // (65534) must be able to read it.
    modelDir = Files.createDirectories(work.resolve("iris"));
    Files.copy(models.resolve("iris.onnx"), modelDir.resolve("model.onnx"));
    Files.setPosixFilePermissions(modelDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        modelDir.resolve("model.onnx"), PosixFilePermissions.fromString("rw-r--r--"));
    cache = work.resolve("cache");
    firstEvents = Collections.synchronizedList(new ArrayList<>());
    first =
        Builder.create()
            .buildModelServer(
                ModelServerRequest.of(ModelServerVariant.CPU, CPU_JAR, cache), firstEvents::add);
    BuildItSupport.report("model-server", "cpu, first build", first);
  }

  @Test
  void cpuImage_hasTheFiveLayersBottomFirst_withoutNativesInTheJarLayer() {
    assertThat(first.imageReference()).matches("fathom/model-server:cpu-[0-9a-f]{16}");
    assertThat(first.layers())
        .extracting(BuildResult.Layer::name)
        .containsExactly(
            "dependencies", "server-dependencies", "onnxruntime-native", "onnxruntime", "classes");
    // Netty (about 4 MB) has its own layer.
    assertThat(first.layers().get(1).sizeBytes()).isBetween(1_000_000L, 10_000_000L);
    // The natives (28 MB for Linux x64) are in their own layer; the jar layer keeps classes only.
    assertThat(first.layers().get(2).sizeBytes()).isGreaterThan(5_000_000L);
    assertThat(first.layers().get(3).sizeBytes()).isLessThan(2_000_000L);
    assertThat(firstEvents)
        .filteredOn(e -> e instanceof BuildEvent.StepFinished)
        .extracting(e -> ((BuildEvent.StepFinished) e).step())
        .containsExactly("prepare", "containerize");
  }

  @Test
  void cpuImage_servesIrisOnCpuExecutionProvider() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String name = "fathom-it-model-server-" + port;
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
        "-e",
        "FATHOM_MODEL_DIR=/models/iris",
        "-e",
        "FATHOM_MODEL_NAME=iris",
        "-v",
        modelDir + ":/models/iris:ro",
        first.imageReference());
    try {
      String base = "http://127.0.0.1:" + port;
      long start = System.nanoTime();
      long until = start + Duration.ofSeconds(60).toNanos();
      int ready = 0;
      while (System.nanoTime() < until && ready != 200) {
        try {
          ready = get(base + "/v2/health/ready").statusCode();
        } catch (IOException notYet) {
          // not listening yet
        }
        if (ready != 200) {
          Thread.sleep(100);
        }
      }
      assertThat(ready)
          .as("GET /v2/health/ready; logs: %s", DockerTools.logs(REPO, name))
          .isEqualTo(200);
      System.out.printf(
          "[builder-it] model-server cpu: ready in %d ms after docker run%n",
          Duration.ofNanos(System.nanoTime() - start).toMillis());
      HttpResponse<String> server = get(base + "/v2");
      assertThat(server.statusCode()).isEqualTo(200);
      assertThat(server.body()).contains("\"provider\":\"CPUExecutionProvider\"");
      HttpResponse<String> infer =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/v2/models/iris/infer"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[2,4],"
                              + "\"datatype\":\"FP32\","
                              + "\"data\":[5.1,3.5,1.4,0.2,6.7,3.0,5.2,2.3]}]}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(infer.statusCode()).as("%s", infer.body()).isEqualTo(200);
      assertThat(infer.body()).contains("\"name\":\"label\"", "\"shape\":[2]");
      // No native library was unpacked into the temporary directory: they came from /fathom/native.
      String tmp = DockerTools.run(REPO, "docker", "exec", name, "find", "/tmp", "-name", "*.so");
      assertThat(tmp.strip()).isEmpty();
    } finally {
      DockerTools.run(REPO, "docker", "rm", "-f", name);
    }
  }

  @Test
  void secondBuild_sameInputs_isSkipped_withTheSameDigest() throws Exception {
    List<BuildEvent> events = Collections.synchronizedList(new ArrayList<>());
    BuildResult again =
        Builder.create()
            .buildModelServer(
                ModelServerRequest.of(ModelServerVariant.CPU, CPU_JAR, cache), events::add);
    BuildItSupport.report("model-server", "cpu, same inputs", again);
    assertThat(again.digest()).isEqualTo(first.digest());
    assertThat(again.imageId()).isEqualTo(first.imageId());
    assertThat(again.imageReference()).isEqualTo(first.imageReference());
    assertThat(again.steps()).extracting(BuildResult.Step::name).containsExactly("prepare");
    assertThat(again.layers()).allMatch(BuildResult.Layer::reused);
    String variantTag =
        DockerTools.run(
            REPO, "docker", "image", "inspect", "-f", "{{.Id}}", "fathom/model-server:cpu");
    assertThat(variantTag.strip()).isEqualTo(first.imageId());
  }

  @Test
  void freshCache_toATarball_givesTheSameDigest() throws Exception {
    Path tar = work.resolve("model-server-cpu.tar");
    BuildResult rebuilt =
        Builder.create()
            .buildModelServer(
                ModelServerRequest.of(ModelServerVariant.CPU, CPU_JAR, work.resolve("cache-2"))
                    .withTarget(BuildTarget.tarFile(tar, "fathom/model-server:cpu-tar")),
                event -> {});
    BuildItSupport.report("model-server", "cpu, fresh cache to a tarball", rebuilt);
    assertThat(rebuilt.digest()).isEqualTo(first.digest());
    assertThat(rebuilt.steps())
        .extracting(BuildResult.Step::name)
        .containsExactly("prepare", "containerize");
    assertThat(tar).isRegularFile();
  }

  @Test
  void cpuJar_forTheGpuVariant_isRejected() {
    BuildException e =
        catchThrowableOfType(
            BuildException.class,
            () ->
                Builder.create()
                    .buildModelServer(
                        ModelServerRequest.of(ModelServerVariant.GPU, CPU_JAR, cache), ev -> {}));
    assertThat(e.code()).isEqualTo("onnxruntime-variant-mismatch");
    assertThat(e.getMessage()).contains("onnxruntime_gpu", "no CUDA execution provider");
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
