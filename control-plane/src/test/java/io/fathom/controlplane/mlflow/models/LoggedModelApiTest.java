package io.fathom.controlplane.mlflow.models;

import static io.fathom.controlplane.mlflow.models.MlModelParserTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class LoggedModelApiTest extends MlflowTestBase {
  static final String UNKNOWN = "m-" + UUID.randomUUID().toString().replace("-", "");

  record Logged(Tenant tenant, String experimentId, String runId, String modelId, String uri) {}

  Logged logged(String name) {
    Tenant t = newTenant();
    String experimentId = experiment(t, "exp-" + name);
    String runId = run(t, experimentId).get("run_id").asText();
    JsonNode info = createModel(t, experimentId, runId, name);
    return new Logged(
        t, experimentId, runId, info.get("model_id").asText(), info.get("artifact_uri").asText());
  }

  static String irisMlModel(String modelId) {
    return resource("iris/MLmodel").replace("${MODEL_ID}", modelId).replace("${RUN_ID}", "r");
  }

  JsonNode info(Reply reply) {
    return ok(reply).json().get("model").get("info");
  }

  JsonNode platform(Tenant t, String modelId) {
    return call(t.auth(HttpRequest.GET(PLATFORM_MODELS + "/" + modelId))).json();
  }

  @Test
  void unknownIds_are404() {
    Tenant t = newTenant();
    for (String id : List.of(UNKNOWN, "m-nothex", "42")) {
      Reply get = get(t, MLFLOW + "/logged-models/" + id);
      assertThat(get.status()).isEqualTo(404);
      assertThat(get.json().get("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
      assertThat(finalizeModel(t, id, "LOGGED_MODEL_READY").status()).isEqualTo(404);
      assertThat(delete(t, MLFLOW + "/logged-models/" + id).status()).isEqualTo(404);
      Reply view = call(t.auth(HttpRequest.GET(PLATFORM_MODELS + "/" + id)));
      assertThat(view.status()).isEqualTo(404);
      assertThat(view.errorCode()).isEqualTo("logged-model-not-found");
    }
    assertThat(call(t.auth(HttpRequest.DELETE(PLATFORM_MODELS + "/" + UUID.randomUUID()))).status())
        .isEqualTo(404);
    assertThat(
            post(t, MLFLOW + "/logged-models", Map.of("experiment_id", "987654", "name", "x"))
                .status())
        .isEqualTo(404);
    assertThat(
            post(
                    t,
                    MLFLOW + "/runs/outputs",
                    Map.of(
                        "run_id",
                        "0".repeat(32),
                        "models",
                        List.of(Map.of("model_id", UNKNOWN, "step", 0))))
                .status())
        .isEqualTo(404);
  }

  @Test
  void otherProjects_cannotSeeOrTouchTheModel() {
    Logged m = logged("private");
    ok(upload(m.tenant(), m.uri(), "MLmodel", irisMlModel(m.modelId())));
    Tenant other = newTenant();

    assertThat(get(other, MLFLOW + "/logged-models/" + m.modelId()).status()).isEqualTo(404);
    assertThat(finalizeModel(other, m.modelId(), "LOGGED_MODEL_READY").status()).isEqualTo(404);
    assertThat(
            patch(
                    other,
                    MLFLOW + "/logged-models/" + m.modelId() + "/tags",
                    Map.of("tags", List.of(Map.of("key", "k", "value", "v"))))
                .status())
        .isEqualTo(404);
    assertThat(delete(other, MLFLOW + "/logged-models/" + m.modelId()).status()).isEqualTo(404);
    assertThat(call(other.auth(HttpRequest.GET(PLATFORM_MODELS + "/" + m.modelId()))).status())
        .isEqualTo(404);
    assertThat(call(other.auth(HttpRequest.GET(PLATFORM_MODELS))).json().get("data")).isEmpty();
    assertThat(call(as(other, HttpRequest.GET(under(m.uri(), "MLmodel")))).status()).isEqualTo(404);
    assertThat(
            post(
                    other,
                    MLFLOW + "/logged-models/search",
                    Map.of("experiment_ids", List.of(m.experimentId())))
                .status())
        .isEqualTo(404);
    assertThat(get(m.tenant(), MLFLOW + "/logged-models/" + m.modelId()).status()).isEqualTo(200);
  }

  @Test
  void finalize_withoutMlModel_isUploadFailedWithAReason() {
    Logged m = logged("empty");
    JsonNode info = info(finalizeModel(m.tenant(), m.modelId(), "LOGGED_MODEL_READY"));
    assertThat(info.get("status").asText()).isEqualTo("LOGGED_MODEL_UPLOAD_FAILED");
    assertThat(info.get("status_message").asText()).contains("no MLmodel");
    assertThat(platform(m.tenant(), m.modelId()).get("data").get("status").asText())
        .isEqualTo("upload-failed");
  }

  @Test
  void finalize_malformedMlModel_isUploadFailedWithAReason() {
    Logged m = logged("garbage");
    ok(upload(m.tenant(), m.uri(), "MLmodel", "flavors: [unclosed"));
    JsonNode info = info(finalizeModel(m.tenant(), m.modelId(), "LOGGED_MODEL_READY"));
    assertThat(info.get("status").asText()).isEqualTo("LOGGED_MODEL_UPLOAD_FAILED");
    assertThat(info.get("status_message").asText()).contains("not valid YAML");

    ok(
        upload(
            m.tenant(),
            m.uri(),
            "MLmodel",
            "flavors: {onnx: {data: model.onnx}}\nsignature: {inputs: 'not json'}\n"));
    info = info(finalizeModel(m.tenant(), m.modelId(), "LOGGED_MODEL_READY"));
    assertThat(info.get("status_message").asText()).contains("signature.inputs is not valid JSON");
    JsonNode view = platform(m.tenant(), m.modelId()).get("data");
    assertThat(view.get("kind").asText()).isEqualTo("unknown");
    assertThat(view.get("schema").get("input")).isEmpty();
  }

  @Test
  void finalize_onnxFileMissing_isUploadFailed_thenReadyOnceUploaded() {
    Logged m = logged("missing-onnx");
    ok(upload(m.tenant(), m.uri(), "MLmodel", irisMlModel(m.modelId())));
    JsonNode info = info(finalizeModel(m.tenant(), m.modelId(), "LOGGED_MODEL_READY"));
    assertThat(info.get("status").asText()).isEqualTo("LOGGED_MODEL_UPLOAD_FAILED");
    assertThat(info.get("status_message").asText()).contains("model.onnx");

    ok(upload(m.tenant(), m.uri(), "model.onnx", new byte[] {1, 2, 3}));
    info = info(finalizeModel(m.tenant(), m.modelId(), "LOGGED_MODEL_READY"));
    assertThat(info.get("status").asText()).isEqualTo("LOGGED_MODEL_READY");
    // no input_example.json was uploaded: ready, but the example is reported missing
    assertThat(info.get("status_message").asText()).contains("input example");
    assertThat(
            call(m.tenant()
                    .auth(HttpRequest.GET(PLATFORM_MODELS + "/" + m.modelId() + "/input-example")))
                .status())
        .isEqualTo(404);
  }

  @Test
  void finalize_states() {
    Logged m = logged("states");
    assertThat(finalizeModel(m.tenant(), m.modelId(), "READY").json().get("error_code").asText())
        .isEqualTo("INVALID_PARAMETER_VALUE");
    JsonNode failed = info(finalizeModel(m.tenant(), m.modelId(), "LOGGED_MODEL_UPLOAD_FAILED"));
    assertThat(failed.get("status").asText()).isEqualTo("LOGGED_MODEL_UPLOAD_FAILED");
    assertThat(finalizeModel(m.tenant(), m.modelId(), "LOGGED_MODEL_PENDING").status())
        .isEqualTo(400);
  }

  @Test
  void tagsParamsSearchAndDelete() {
    Logged m = logged("alpha");
    Tenant t = m.tenant();
    String second = createModel(t, m.experimentId(), m.runId(), "beta").get("model_id").asText();

    ok(
        patch(
            t,
            MLFLOW + "/logged-models/" + m.modelId() + "/tags",
            Map.of("tags", List.of(Map.of("key", "stage", "value", "dev")))));
    ok(
        post(
            t,
            MLFLOW + "/logged-models/" + m.modelId() + "/params",
            Map.of("params", List.of(Map.of("key", "lr", "value", "0.1")))));
    ok(
        post(
            t,
            MLFLOW + "/logged-models/" + m.modelId() + "/params",
            Map.of("params", List.of(Map.of("key", "lr", "value", "0.1")))));
    assertThat(
            post(
                    t,
                    MLFLOW + "/logged-models/" + m.modelId() + "/params",
                    Map.of("params", List.of(Map.of("key", "lr", "value", "0.2"))))
                .status())
        .isEqualTo(400);
    JsonNode model = ok(get(t, MLFLOW + "/logged-models/" + m.modelId())).json().get("model");
    assertThat(model.get("info").get("tags").findValuesAsText("key")).contains("stage");
    assertThat(model.get("data").get("params").toString())
        .isEqualTo("[{\"key\":\"lr\",\"value\":\"0.1\"}]");
    ok(delete(t, MLFLOW + "/logged-models/" + m.modelId() + "/tags/stage"));
    assertThat(delete(t, MLFLOW + "/logged-models/" + m.modelId() + "/tags/stage").status())
        .isEqualTo(404);

    String search = MLFLOW + "/logged-models/search";
    JsonNode byName =
        ok(post(
                t,
                search,
                Map.of("experiment_ids", List.of(m.experimentId()), "filter", "name = 'beta'")))
            .json();
    assertThat(byName.get("models").findValuesAsText("model_id")).containsExactly(second);
    JsonNode pending =
        ok(post(
                t,
                search,
                Map.of(
                    "experiment_ids",
                    List.of(m.experimentId()),
                    "filter",
                    "status = 'LOGGED_MODEL_PENDING' AND name LIKE '%a'")))
            .json();
    assertThat(pending.get("models").findValuesAsText("name"))
        .containsExactlyInAnyOrder("alpha", "beta");
    assertThat(post(t, search, Map.of("filter", "metrics.x > 1")).status()).isEqualTo(400);

    List<String> names = new ArrayList<>();
    String token = null;
    do {
      Map<String, Object> body =
          new java.util.HashMap<>(
              Map.of(
                  "experiment_ids",
                  List.of(m.experimentId()),
                  "max_results",
                  1,
                  "order_by",
                  List.of(Map.of("field_name", "name", "ascending", true))));
      if (token != null) {
        body.put("page_token", token);
      }
      JsonNode page = ok(post(t, search, body)).json();
      names.addAll(page.get("models").findValuesAsText("name"));
      token = page.has("next_page_token") ? page.get("next_page_token").asText() : null;
    } while (token != null);
    assertThat(names).containsExactly("alpha", "beta");

    ok(delete(t, MLFLOW + "/logged-models/" + m.modelId()));
    assertThat(get(t, MLFLOW + "/logged-models/" + m.modelId()).status()).isEqualTo(404);
    assertThat(call(t.auth(HttpRequest.DELETE(PLATFORM_MODELS + "/" + second))).status())
        .isEqualTo(204);
    assertThat(call(t.auth(HttpRequest.GET(PLATFORM_MODELS))).json().get("data")).isEmpty();
  }

  @Test
  void delete_removesTheModelsFiles() {
    Logged m = logged("files");
    ok(upload(m.tenant(), m.uri(), "MLmodel", irisMlModel(m.modelId())));
    ok(delete(m.tenant(), MLFLOW + "/logged-models/" + m.modelId()));
    assertThat(call(as(m.tenant(), HttpRequest.GET(under(m.uri(), "MLmodel")))).status())
        .isEqualTo(404);
  }

  @Test
  void olderWay_mlModelUploadedIntoARun_becomesALoggedModel() {
    Tenant t = newTenant();
    String experimentId = experiment(t, "older");
    JsonNode run = run(t, experimentId);
    String runUri = run.get("artifact_uri").asText();
    ok(upload(t, runUri, "iris/MLmodel", irisMlModel("m-x")));
    ok(upload(t, runUri, "iris/model.onnx", new byte[] {1, 2, 3, 4}));
    ok(upload(t, runUri, "iris/input_example.json", resource("iris/input_example.json")));

    JsonNode list = ok(call(t.auth(HttpRequest.GET(PLATFORM_MODELS)))).json().get("data");
    assertThat(list).hasSize(1);
    JsonNode view = list.get(0);
    assertThat(view.get("name").asText()).isEqualTo("iris");
    assertThat(view.get("kind").asText()).isEqualTo("onnx");
    assertThat(view.get("status").asText()).isEqualTo("ready");
    assertThat(view.get("runId").asText().replace("-", "")).isEqualTo(run.get("run_id").asText());
    assertThat(
            call(t.auth(
                    HttpRequest.GET(
                        PLATFORM_MODELS + "/" + view.get("id").asText() + "/input-example")))
                .data()
                .get("inputs")
                .get(0)
                .get("datatype")
                .asText())
        .isEqualTo("FP32");
  }
}
