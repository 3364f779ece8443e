package io.fathom.controlplane.ml.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.controlplane.mlflow.models.MlflowTestBase;
import io.fathom.controlplane.support.DeployFixture;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The document's Iris path on the real engine: the model logged as the MLflow 3 SDK logs it, a
 * {@code logged-model} deployment of it on the model server image, running and hot, then V2
 * inference through the platform with the document's payloads, the binary tensor extension passed
 * through, a rolling update to a new revision, the model servers' logs, a GPU the engine does not
 * have, and deletion.
 */
@MicronautTest(transactional = false)
class MlDeploymentsIT extends MlflowTestBase {
  static final String DEPLOYMENTS = "/api/intelligence/machine-learning/v1/deployments";

  private Tenant t;
  private String modelId;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new java.util.HashMap<>(super.getProperties());
    props.put("fathom.instances.max-cpus", "2");
    return props;
  }

  @BeforeAll
  void logTheIrisModel() throws Exception {
    DeployFixture.run("scripts/docker.sh");
    DeployFixture.run("scripts/images.sh", "jvm21");
    byte[] onnx = IrisLogging.onnx();
    t = newTenant();
    String experimentId = experiment(t, "iris");
    String runId = run(t, experimentId).get("run_id").asText();
    JsonNode created = createModel(t, experimentId, runId, "iris_classifier");
    String mlflowId = created.get("model_id").asText();
    String artifactUri = created.get("artifact_uri").asText();
    ok(
        upload(
            t,
            artifactUri,
            "MLmodel",
            IrisLogging.resource("iris/MLmodel")
                .replace("${MODEL_ID}", mlflowId)
                .replace("${RUN_ID}", runId)));
    ok(
        upload(
            t, artifactUri, "input_example.json", IrisLogging.resource("iris/input_example.json")));
    ok(upload(t, artifactUri, "model.onnx", onnx));
    ok(finalizeModel(t, mlflowId, "LOGGED_MODEL_READY"));
    modelId =
        UUID.fromString(
                mlflowId
                    .substring(2)
                    .replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"))
            .toString();
  }

  @Test
  void theIrisModel_deploys_andAnswersTheDocumentsPayloads() throws Exception {
    Reply created = create("iris-classifier", Map.of("size", "small"), Map.of("team", "ml"));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String id = created.data().get("id").asText();
    assertThat(created.data().get("status").asText()).isEqualTo("pending");
    assertThat(created.data().get("nextRevision").asText()).isEqualTo("r1");
    assertThat(created.data().get("modelData").get("kind").asText()).isEqualTo("logged-model");

    JsonNode running = awaitRunning(id);
    assertThat(running.get("state").get("instance").asText()).isEqualTo("hot");
    assertThat(running.get("state").get("provider").asText()).isEqualTo("CPUExecutionProvider");
    assertThat(running.get("runningRevision").asText()).isEqualTo("r1");
    assertThat(running.get("tags").toString()).contains("\"key\":\"team\"");

    Reply one = infer(id, "[1, 4]", "[7.0, 3.2, 4.7, 1.4]");
    assertThat(one.status()).as("%s", one).isEqualTo(200);
    JsonNode label = one.json().get("outputs").get(0);
    assertThat(label.get("name").asText()).isEqualTo("label");
    assertThat(label.get("data")).hasSize(1);

    Reply inline = infer(id, "[2, 4]", "[5.1, 3.5, 1.4, 0.2]");
    assertThat(inline.status()).as("%s", inline).isEqualTo(400);
    assertThat(inline.json().get("error").asText()).contains("8").contains("4");

    Reply two = infer(id, "[2, 4]", "[5.1, 3.5, 1.4, 0.2, 7.0, 3.2, 4.7, 1.4]");
    assertThat(two.status()).as("%s", two).isEqualTo(200);
    assertThat(two.json().get("outputs").get(0).get("data")).hasSize(2);

    Reply unknown =
        call(t.auth(HttpRequest.POST(DEPLOYMENTS + "/" + id + "/v2/models/other/infer", Map.of())));
    assertThat(unknown.status()).isEqualTo(404);

    Reply snippets = call(t.auth(HttpRequest.GET(DEPLOYMENTS + "/" + id + "/code-snippets")));
    assertThat(snippets.data().get("curl").asText())
        .contains("/deployments/" + id + "/v2/models/default/infer")
        .contains("x-projectid");
    assertThat(snippets.data().get("python").asText()).contains("requests.post");
    assertThat(snippets.data().get("rust").asText()).contains("reqwest");

    Reply other = call(newTenant().auth(HttpRequest.GET(DEPLOYMENTS + "/" + id)));
    assertThat(other.status()).isEqualTo(404);

    // binary tensors pass through unchanged, both ways
    String header =
        "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[2,4],\"datatype\":\"FP32\","
            + "\"parameters\":{\"binary_data_size\":32}}],"
            + "\"outputs\":[{\"name\":\"label\",\"parameters\":{\"binary_data\":true}}]}";
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer body = ByteBuffer.allocate(json.length + 32).order(ByteOrder.LITTLE_ENDIAN);
    body.put(json);
    for (float v : new float[] {5.1f, 3.5f, 1.4f, 0.2f, 7.0f, 3.2f, 4.7f, 1.4f}) {
      body.putFloat(v);
    }
    var binary =
        exchange(
            t.auth(
                HttpRequest.POST(DEPLOYMENTS + "/" + id + "/v2/models/default/infer", body.array())
                    .contentType(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                    .header("Inference-Header-Content-Length", Integer.toString(json.length))));
    assertThat(binary.getStatus().getCode()).isEqualTo(200);
    String length = binary.header("Inference-Header-Content-Length");
    assertThat(length).isNotNull();
    assertThat(binary.body()).contains("binary_data_size");

    // a rolling update to a new revision keeps serving
    Reply patched =
        call(
            t.auth(
                HttpRequest.PATCH(
                    DEPLOYMENTS + "/" + id,
                    Map.of("serving", Map.of("size", "large"), "tags", Map.of("stage", "prod")))));
    assertThat(patched.status()).as("%s", patched).isEqualTo(200);
    assertThat(patched.data().get("nextRevision").asText()).isEqualTo("r2");
    JsonNode updated = awaitRevision(id, "r2");
    assertThat(updated.get("serving").get("size").asText()).isEqualTo("large");
    assertThat(updated.get("nextRevision").isNull()).isTrue();
    assertThat(infer(id, "[1, 4]", "[7.0, 3.2, 4.7, 1.4]").status()).isEqualTo(200);

    // the model servers' own lines are the deployment's logs, both revisions', this project's only
    List<JsonNode> logs = awaitLogLines(id, 2);
    assertThat(logs)
        .extracting(l -> l.get("line").asText())
        .anyMatch(l -> l.contains("model server listening"))
        .anyMatch(l -> l.contains("warmed up from input-example"));
    assertThat(logs).allSatisfy(l -> assertThat(l.get("ts").asText()).isNotEmpty());
    assertThat(logs.stream().map(l -> l.get("workloadId").asText()).distinct()).hasSize(2);
    assertThat(logLines(id, "?tail=1")).hasSize(1);
    assertThat(exchange(t.auth(HttpRequest.GET(DEPLOYMENTS + "/" + id + "/logs?tail=0"))).code())
        .isEqualTo(400);
    assertThat(exchange(newTenant().auth(HttpRequest.GET(DEPLOYMENTS + "/" + id + "/logs"))).code())
        .isEqualTo(404);

    assertThat(call(t.auth(HttpRequest.DELETE(DEPLOYMENTS + "/" + id))).status()).isEqualTo(204);
    assertThat(call(t.auth(HttpRequest.GET(DEPLOYMENTS + "/" + id))).status()).isEqualTo(404);
    assertThat(
            DeployFixture.run("docker", "ps", "-q", "--filter", "label=io.fathom.owner=" + id)
                .strip())
        .isEmpty();
  }

  @Test
  void aGpuDeployment_onAnEngineWithoutGpus_failsWithGpuUnavailable() throws Exception {
    Reply created = create("iris-gpu", Map.of("size", "small", "gpu", "nvidia-l4"), Map.of());
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String id = created.data().get("id").asText();

    JsonNode failed = await(id, d -> d.get("status").asText().equals("failed"));

    assertThat(failed.get("state").get("error").get("code").asText()).isEqualTo("gpu-unavailable");
    call(t.auth(HttpRequest.DELETE(DEPLOYMENTS + "/" + id)));
  }

  @Test
  void unsupportedKindsAndUnknownModels_areRefusedWithTheirCodes() {
    Reply hf =
        call(
            t.auth(
                HttpRequest.POST(
                    DEPLOYMENTS,
                    Map.of(
                        "model",
                        Map.of("kind", "hugging-face", "modelId", "Qwen/Qwen2.5"),
                        "name",
                        "qwen",
                        "description",
                        "d",
                        "serving",
                        Map.of("size", "large")))));
    assertThat(hf.status()).isEqualTo(400);
    assertThat(hf.errorCode()).isEqualTo("unsupported-model-kind");
    Reply unknown =
        call(
            t.auth(
                HttpRequest.POST(
                    DEPLOYMENTS,
                    Map.of(
                        "model",
                        Map.of("kind", "logged-model", "modelId", UUID.randomUUID().toString()),
                        "name",
                        "nothing",
                        "description",
                        "d",
                        "serving",
                        Map.of("size", "small")))));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.errorCode()).isEqualTo("invalid-logged-model-id");
    Reply tooBig = create("too-big", Map.of("size", "extra-large"), Map.of());
    assertThat(tooBig.status()).isEqualTo(400);
    assertThat(tooBig.errorCode()).isEqualTo("size-unavailable");
  }

  private Reply create(String name, Map<String, Object> serving, Map<String, String> tags) {
    return call(
        t.auth(
            HttpRequest.POST(
                DEPLOYMENTS,
                Map.of(
                    "model",
                    Map.of("kind", "logged-model", "modelId", modelId),
                    "name",
                    name + "-" + System.nanoTime(),
                    "description",
                    "Production endpoint for Iris flower classification",
                    "serving",
                    serving,
                    "tags",
                    tags))));
  }

  private Reply infer(String id, String shape, String data) {
    String body =
        "{\"inputs\":[{\"name\":\"float_input\",\"shape\":"
            + shape
            + ",\"datatype\":\"FP32\",\"data\":"
            + data
            + "}],\"outputs\":[{\"name\":\"label\"}]}";
    return call(
        t.auth(
            HttpRequest.POST(DEPLOYMENTS + "/" + id + "/v2/models/default/infer", body)
                .contentType(MediaType.APPLICATION_JSON_TYPE)));
  }

  private JsonNode awaitRunning(String id) throws InterruptedException {
    JsonNode d = await(id, x -> !x.get("status").asText().equals("pending"));
    assertThat(d.get("status").asText()).as("%s", d).isEqualTo("running");
    return d;
  }

  private JsonNode awaitRevision(String id, String revision) throws InterruptedException {
    return await(
        id,
        x -> revision.equals(x.get("runningRevision").asText()) || x.get("nextRevision").isNull());
  }

  private JsonNode await(String id, java.util.function.Predicate<JsonNode> done)
      throws InterruptedException {
    long until = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    JsonNode d = null;
    while (System.nanoTime() < until) {
      d = call(t.auth(HttpRequest.GET(DEPLOYMENTS + "/" + id))).data();
      if (done.test(d)) {
        return d;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("deployment " + id + " never got there: " + d);
  }

  /** Waits until the deployment's logs hold "warmed up" lines of {@code revisions} workloads. */
  private List<JsonNode> awaitLogLines(String id, int revisions) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<JsonNode> lines = logLines(id, "");
    while (lines.stream()
                .filter(l -> l.get("line").asText().contains("warmed up"))
                .map(l -> l.get("workloadId").asText())
                .distinct()
                .count()
            < revisions
        && System.nanoTime() < until) {
      Thread.sleep(200);
      lines = logLines(id, "");
    }
    return lines;
  }

  private List<JsonNode> logLines(String id, String query) throws Exception {
    HttpResponse<String> reply =
        exchange(t.auth(HttpRequest.GET(DEPLOYMENTS + "/" + id + "/logs" + query)));
    assertThat(reply.code()).as("%s", reply.body()).isEqualTo(200);
    List<JsonNode> lines = new java.util.ArrayList<>();
    String body = reply.body() == null ? "" : reply.body();
    for (String line : body.split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }
}
