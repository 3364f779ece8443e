package io.fathom.controlplane.mlflow.models;

import static io.fathom.controlplane.mlflow.models.MlModelParserTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The document's section 5.1.2 script, replayed as the MLflow 3 Python SDK sends it: {@code
 * mlflow.set_experiment}, {@code start_run}, {@code log_param}, {@code set_tag}, then {@code
 * mlflow.onnx.log_model(onnx_model, artifact_path="iris_classifier", signature=…,
 * input_example=X[:1], registered_model_name=…)}: create the logged model, link it to the run,
 * upload its files through the artifact proxy, finalize it. The ONNX model is a real one made by
 * {@code scripts/make_iris_onnx.py} (Debian python3-onnx; {@code scripts/onnx-test-models.sh}
 * installs it).
 */
@MicronautTest(transactional = false)
class IrisOnnxLoggedModelTest extends MlflowTestBase {
  byte[] onnx;

  @BeforeAll
  void makeTheOnnxModel() throws IOException, InterruptedException {
    Path script = repositoryFile("scripts/make_iris_onnx.py");
    Path out = Files.createTempDirectory("iris-onnx").resolve("model.onnx");
    Process process =
        new ProcessBuilder("/usr/bin/python3", script.toString(), out.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError(
          "Making the Iris ONNX model failed; install Debian's python3-onnx with"
              + " scripts/onnx-test-models.sh:\n"
              + output);
    }
    onnx = Files.readAllBytes(out);
    assertThat(onnx.length).isGreaterThan(100);
  }

  static Path repositoryFile(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(relative))) {
        return dir.resolve(relative);
      }
    }
    throw new AssertionError(relative + " not found above " + Path.of("").toAbsolutePath());
  }

  @Test
  void logModel_asTheMlflow3SdkDoes_givesAReadyOnnxModelInThePlatformView() {
    Tenant t = newTenant();
    // mlflow.set_experiment("test-experiment") and set_experiment_tags
    assertThat(get(t, MLFLOW + "/experiments/get-by-name?experiment_name=test-experiment").status())
        .isEqualTo(404);
    String experimentId = experiment(t, "test-experiment");
    for (var tag :
        Map.of("project_name", "Fraud Prevention", "team", "Data Science Core").entrySet()) {
      ok(
          post(
              t,
              MLFLOW + "/experiments/set-experiment-tag",
              Map.of("experiment_id", experimentId, "key", tag.getKey(), "value", tag.getValue())));
    }
    // with mlflow.start_run(): log_param, set_tag
    JsonNode run = run(t, experimentId);
    String runId = run.get("run_id").asText();
    ok(
        post(
            t,
            MLFLOW + "/runs/log-parameter",
            Map.of("run_id", runId, "key", "n_estimators", "value", "10")));
    ok(
        post(
            t,
            MLFLOW + "/runs/set-tag",
            Map.of("run_id", runId, "key", "version", "value", "1.0")));

    // mlflow.onnx.log_model: create the logged model, link it to the run
    JsonNode created = createModel(t, experimentId, runId, "iris_classifier");
    String modelId = created.get("model_id").asText();
    String artifactUri = created.get("artifact_uri").asText();
    assertThat(modelId).matches("m-[0-9a-f]{32}");
    assertThat(artifactUri)
        .isEqualTo("mlflow-artifacts:/" + experimentId + "/models/" + modelId + "/artifacts");
    assertThat(created.get("status").asText()).isEqualTo("LOGGED_MODEL_PENDING");
    ok(
        post(
            t,
            MLFLOW + "/runs/outputs",
            Map.of("run_id", runId, "models", List.of(Map.of("model_id", modelId, "step", 0)))));

    // the saved model directory, uploaded file by file through the artifact proxy
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(
        "MLmodel",
        resource("iris/MLmodel")
            .replace("${MODEL_ID}", modelId)
            .replace("${RUN_ID}", runId)
            .getBytes());
    files.put("conda.yaml", resource("iris/conda.yaml").getBytes());
    files.put("input_example.json", resource("iris/input_example.json").getBytes());
    files.put("model.onnx", onnx);
    files.put("python_env.yaml", resource("iris/python_env.yaml").getBytes());
    files.put("requirements.txt", resource("iris/requirements.txt").getBytes());
    files.put("serving_input_example.json", resource("iris/serving_input_example.json").getBytes());
    files.forEach((name, content) -> ok(upload(t, artifactUri, name, content)));

    JsonNode finalized = ok(finalizeModel(t, modelId, "LOGGED_MODEL_READY")).json().get("model");
    assertThat(finalized.get("info").get("status").asText()).isEqualTo("LOGGED_MODEL_READY");

    registerModelVersion(t, modelId, runId, "iris-classifier");

    // MLflow's view
    JsonNode info =
        ok(get(t, MLFLOW + "/logged-models/" + modelId)).json().get("model").get("info");
    assertThat(info.get("name").asText()).isEqualTo("iris_classifier");
    assertThat(info.get("source_run_id").asText()).isEqualTo(runId);
    assertThat(info.get("experiment_id").asText()).isEqualTo(experimentId);
    assertThat(info.get("tags").findValuesAsText("key")).contains("mlflow.user");
    JsonNode listing =
        ok(get(t, ARTIFACTS + "?path=" + artifactUri.substring("mlflow-artifacts:/".length())))
            .json()
            .get("files");
    assertThat(listing.findValuesAsText("path")).containsExactlyElementsOf(files.keySet());
    byte[] downloaded =
        client
            .toBlocking()
            .retrieve(as(t, HttpRequest.GET(under(artifactUri, "model.onnx"))), byte[].class);
    assertThat(downloaded).isEqualTo(onnx);

    // the platform's view
    String platformId =
        UUID.fromString(
                modelId
                    .substring(2)
                    .replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"))
            .toString();
    JsonNode view = ok(call(t.auth(HttpRequest.GET(PLATFORM_MODELS + "/" + platformId)))).data();
    assertThat(view.get("id").asText()).isEqualTo(platformId);
    assertThat(view.get("kind").asText()).isEqualTo("onnx");
    assertThat(view.get("status").asText()).isEqualTo("ready");
    assertThat(view.get("name").asText()).isEqualTo("iris_classifier");
    assertThat(view.get("runId").asText().replace("-", "")).isEqualTo(runId);
    assertThat(view.get("modelSize").asLong())
        .isEqualTo(files.values().stream().mapToLong(b -> b.length).sum());
    assertThat(view.get("schema").toString())
        .isEqualTo(
            "{\"input\":[{\"name\":\"float_input\",\"type\":\"tensor\",\"datatype\":\"FP32\","
                + "\"shape\":[-1,4]}],\"output\":[{\"name\":\"label\",\"type\":\"tensor\","
                + "\"datatype\":\"INT64\",\"shape\":[-1]}]}");
    assertThat(view.get("tags").findValuesAsText("key")).contains("mlflow.source.type");
    assertThat(view.has("createdAt") && view.has("updatedAt")).isTrue();

    JsonNode example =
        ok(call(t.auth(HttpRequest.GET(PLATFORM_MODELS + "/" + platformId + "/input-example"))))
            .data();
    assertThat(example.toString())
        .isEqualTo(
            "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[1,4],\"datatype\":\"FP32\","
                + "\"data\":[5.1,3.5,1.4,0.2]}],\"outputs\":[{\"name\":\"label\"}]}");

    JsonNode list = ok(call(t.auth(HttpRequest.GET(PLATFORM_MODELS)))).json();
    assertThat(list.get("data").findValuesAsText("id")).containsExactly(platformId);
    assertThat(list.get("pagination").get("totalElements").asInt()).isEqualTo(1);
    JsonNode filtered =
        ok(call(
                t.auth(
                    HttpRequest.POST(
                        PLATFORM_MODELS + "/filter",
                        Map.of(
                            "filter",
                            Map.of(
                                "@and",
                                List.of(
                                    Map.of("@eq", Map.of("path", "kind", "value", "onnx")),
                                    Map.of(
                                        "@regex", Map.of("path", "name", "pattern", "^iris")))))))))
            .json();
    assertThat(filtered.get("data").findValuesAsText("id")).containsExactly(platformId);
  }

  /**
   * {@code registered_model_name=…}: the SDK then calls registered-models/create and
   * model-versions/create with {@code source = models:/<model_id>} and {@code model_id}.
   */
  private void registerModelVersion(Tenant t, String modelId, String runId, String name) {
    ok(post(t, MLFLOW + "/registered-models/create", Map.of("name", name)));
    JsonNode version =
        ok(post(
                t,
                MLFLOW + "/model-versions/create",
                Map.of(
                    "name", name,
                    "source", "models:/" + modelId,
                    "run_id", runId,
                    "model_id", modelId)))
            .json()
            .get("model_version");
    assertThat(version.get("version").asText()).isEqualTo("1");
    assertThat(version.get("status").asText()).isEqualTo("READY");
    JsonNode latest =
        ok(get(t, MLFLOW + "/registered-models/get?name=" + name))
            .json()
            .get("registered_model")
            .get("latest_versions");
    assertThat(latest.get(0).get("source").asText()).isEqualTo("models:/" + modelId);
    assertThat(
            ok(get(t, MLFLOW + "/model-versions/get-download-uri?name=" + name + "&version=1"))
                .json()
                .get("artifact_uri")
                .asText())
        .endsWith("/models/" + modelId + "/artifacts");
  }
}
