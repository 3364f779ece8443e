package io.fathom.controlplane.mlflow.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.controlplane.support.ApiTestBase;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Calls the MLflow-compatible API as the MLflow Python SDK does: only a project-scoped bearer
 * token, MLflow's request bodies and paths.
 */
public abstract class MlflowTestBase extends ApiTestBase {
  public static final String MLFLOW = "/api/2.0/mlflow";
  public static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts";
  public static final String PLATFORM_MODELS =
      "/api/intelligence/machine-learning/v1/logged-models";

  protected static <T> MutableHttpRequest<T> as(Tenant t, MutableHttpRequest<T> request) {
    return request.bearerAuth(t.projectToken());
  }

  protected Reply post(Tenant t, String path, Object body) {
    return call(as(t, HttpRequest.POST(path, body)));
  }

  protected Reply patch(Tenant t, String path, Object body) {
    return call(as(t, HttpRequest.PATCH(path, body)));
  }

  protected Reply get(Tenant t, String path) {
    return call(as(t, HttpRequest.GET(path)));
  }

  protected Reply delete(Tenant t, String path) {
    return call(as(t, HttpRequest.DELETE(path)));
  }

  protected Reply ok(Reply reply) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply;
  }

  protected String experiment(Tenant t, String name) {
    return ok(post(t, MLFLOW + "/experiments/create", Map.of("name", name)))
        .json()
        .get("experiment_id")
        .asText();
  }

  /** runs/create; returns the run's info. */
  protected JsonNode run(Tenant t, String experimentId) {
    return ok(post(
            t,
            MLFLOW + "/runs/create",
            Map.of(
                "experiment_id", experimentId,
                "start_time", System.currentTimeMillis(),
                "tags", List.of(Map.of("key", "mlflow.user", "value", "tester")))))
        .json()
        .get("run")
        .get("info");
  }

  /** logged-models create; returns the model's info. */
  protected JsonNode createModel(Tenant t, String experimentId, String runId, String name) {
    return ok(post(
            t,
            MLFLOW + "/logged-models",
            Map.of(
                "experiment_id", experimentId,
                "name", name,
                "source_run_id", runId,
                "params", List.of(),
                "tags",
                    List.of(
                        Map.of("key", "mlflow.source.type", "value", "LOCAL"),
                        Map.of("key", "mlflow.user", "value", "tester")))))
        .json()
        .get("model")
        .get("info");
  }

  /** The proxy path of a file under an {@code mlflow-artifacts:/…} URI. */
  protected static String under(String artifactUri, String file) {
    return ARTIFACTS + "/" + artifactUri.substring("mlflow-artifacts:/".length()) + "/" + file;
  }

  protected Reply upload(Tenant t, String artifactUri, String file, byte[] content) {
    return call(
        as(
            t,
            HttpRequest.PUT(under(artifactUri, file), content)
                .contentType(MediaType.APPLICATION_OCTET_STREAM_TYPE)));
  }

  protected Reply upload(Tenant t, String artifactUri, String file, String content) {
    return upload(t, artifactUri, file, content.getBytes(StandardCharsets.UTF_8));
  }

  protected Reply finalizeModel(Tenant t, String modelId, String status) {
    return patch(
        t, MLFLOW + "/logged-models/" + modelId, Map.of("model_id", modelId, "status", status));
  }
}
