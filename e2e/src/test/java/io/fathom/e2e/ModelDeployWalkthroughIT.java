package io.fathom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Document section 5.1.3 with the real CLI: the Iris model logged through the MLflow-compatible API
 * (the MLflow 3 SDK's request sequence), {@code deployment create logged-model}, {@code deployment
 * list} until running and hot, then {@code deployment infer} with the document's payloads: {@code
 * [1,4]} returns a label, the inline {@code [2,4]} with 4 values is a 400 naming the element count,
 * {@code [2,4]} with 8 values returns two labels.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelDeployWalkthroughIT {
  static final Path REPO =
      Path.of(System.getProperty("fathom.repo.root", "..")).toAbsolutePath().normalize();
  static final ObjectMapper JSON = new ObjectMapper();
  static final String MLMODEL =
      """
      artifact_path: iris_classifier
      flavors:
        onnx:
          code: null
          data: model.onnx
          onnx_version: 1.12.0
          providers:
          - CUDAExecutionProvider
          - CPUExecutionProvider
        python_function:
          data: model.onnx
          loader_module: mlflow.onnx
          python_version: 3.11.2
      mlflow_version: 3.5.0
      model_id: MODEL_ID
      run_id: RUN_ID
      saved_input_example_info:
        artifact_path: input_example.json
        type: ndarray
      signature:
        inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 4]}, "name": "float_input"}]'
        outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}, "name": "label"}]'
        params: null
      """;

  @TempDir static Path work;
  ControlPlaneServer server;
  Cli cli;
  HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  String token;
  String project;

  @BeforeAll
  void start() throws Exception {
    run("scripts/docker.sh");
    run("scripts/images.sh", "jvm21");
    server = ControlPlaneServer.start();
    cli = new Cli(work.resolve("config"), server.home());
    assertThat(cli.run("login", server.url()).status()).isZero();
    token = Files.readString(server.home().resolve("bootstrap-token")).strip();
    project = send("GET", "/api/platform/v1/projects", null).get("data").get(0).get("id").asText();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void theIrisModel_loggedDeployedAndInferredThroughTheCli() throws Exception {
    String modelId = logIris();

    var created =
        cli.run(
            "i",
            "machine-learning",
            "deployment",
            "create",
            "logged-model",
            "--model-id",
            modelId,
            "--name",
            "iris-classifier",
            "--description",
            "Production endpoint for Iris flower classification",
            "--serving-size",
            "small",
            "--output",
            "json");
    assertThat(created.status()).as(created.toString()).isZero();
    String id = created.json().get("id").asText();
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    String table = "";
    while (System.nanoTime() < until) {
      table = cli.run("i", "machine-learning", "deployment", "list").out();
      if (table.contains("running") && table.contains("hot")) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(table).contains("iris-classifier").contains("logged-models").contains("running");
    assertThat(table).contains("hot");

    var one =
        cli.runWithInput(
            payload("[1, 4]", "[7.0, 3.2, 4.7, 1.4]"),
            "i",
            "machine-learning",
            "deployment",
            "infer",
            id,
            "--data",
            "-");
    assertThat(one.status()).as(one.toString()).isZero();
    assertThat(one.out()).contains("\"label\"");

    var inline =
        cli.run(
            "i",
            "machine-learning",
            "deployment",
            "infer",
            id,
            "--data",
            payload("[2, 4]", "[5.1, 3.5, 1.4, 0.2]"));
    assertThat(inline.status()).isNotZero();
    assertThat(inline.err()).contains("8").contains("4");

    var two =
        cli.run(
            "i",
            "machine-learning",
            "deployment",
            "infer",
            id,
            "--data",
            payload("[2, 4]", "[5.1, 3.5, 1.4, 0.2, 7.0, 3.2, 4.7, 1.4]"));
    assertThat(two.status()).as(two.toString()).isZero();
    JsonNode outputs = JSON.readTree(two.out()).get("outputs");
    assertThat(outputs.get(0).get("data")).hasSize(2);

    // what the model server printed: by then its start-up lines are stored
    var logs = cli.run("i", "machine-learning", "deployment", "logs", id);
    assertThat(logs.status()).as(logs.toString()).isZero();
    assertThat(logs.out()).contains("model server listening").contains("warmed up");

    assertThat(cli.run("i", "machine-learning", "deployment", "delete", id).status()).isZero();
  }

  private static String payload(String shape, String data) {
    return "{\"inputs\":[{\"name\":\"float_input\",\"shape\":"
        + shape
        + ",\"datatype\":\"FP32\",\"data\":"
        + data
        + "}],\"outputs\":[{\"name\":\"label\"}]}";
  }

  /** The MLflow 3 SDK's {@code mlflow.onnx.log_model} requests; returns the platform model id. */
  private String logIris() throws Exception {
    Path onnx = work.resolve("model.onnx");
    run("/usr/bin/python3", "scripts/make_iris_onnx.py", onnx.toString());
    String experiment =
        send("POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"iris\"}")
            .get("experiment_id")
            .asText();
    String runId =
        send(
                "POST",
                "/api/2.0/mlflow/runs/create",
                "{\"experiment_id\":\"" + experiment + "\",\"start_time\":1}")
            .get("run")
            .get("info")
            .get("run_id")
            .asText();
    JsonNode model =
        send(
                "POST",
                "/api/2.0/mlflow/logged-models",
                "{\"experiment_id\":\""
                    + experiment
                    + "\",\"name\":\"iris_classifier\",\"source_run_id\":\""
                    + runId
                    + "\"}")
            .get("model")
            .get("info");
    String mlflowId = model.get("model_id").asText();
    String artifacts =
        "/api/2.0/mlflow-artifacts/artifacts/"
            + model.get("artifact_uri").asText().substring("mlflow-artifacts:/".length());
    put(
        artifacts + "/MLmodel",
        MLMODEL
            .replace("MODEL_ID", mlflowId)
            .replace("RUN_ID", runId)
            .getBytes(StandardCharsets.UTF_8));
    put(
        artifacts + "/input_example.json",
        "[[5.1, 3.5, 1.4, 0.2]]".getBytes(StandardCharsets.UTF_8));
    put(artifacts + "/model.onnx", Files.readAllBytes(onnx));
    send(
        "PATCH",
        "/api/2.0/mlflow/logged-models/" + mlflowId,
        "{\"model_id\":\"" + mlflowId + "\",\"status\":\"LOGGED_MODEL_READY\"}");
    return mlflowId.substring(2).replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");
  }

  private JsonNode send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (project != null) {
      request.header("x-projectid", project);
    }
    HttpResponse<String> reply = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as(method + " " + path + ": " + reply.body()).isLessThan(300);
    return JSON.readTree(reply.body());
  }

  private void put(String path, byte[] content) throws Exception {
    HttpResponse<String> reply =
        http.send(
            HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", "Bearer " + token)
                .header("x-projectid", project)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as(path + ": " + reply.body()).isLessThan(300);
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
    }
  }
}
