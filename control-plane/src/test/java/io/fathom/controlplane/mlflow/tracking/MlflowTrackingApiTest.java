package io.fathom.controlplane.mlflow.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.controlplane.support.ApiTestBase;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The MLflow wire format directly: error shapes, limits, bad filters, numbers sent as strings. */
@MicronautTest(transactional = false)
class MlflowTrackingApiTest extends ApiTestBase {
  static final String API = "/api/2.0/mlflow/";

  Reply post(Tenant t, String path, Object body) {
    return call(HttpRequest.POST(API + path, body).bearerAuth(t.projectToken()));
  }

  Reply get(Tenant t, String path) {
    return call(HttpRequest.GET(API + path).bearerAuth(t.projectToken()));
  }

  String newRun(Tenant t) {
    return post(t, "runs/create", Map.of("experiment_id", "0"))
        .json()
        .get("run")
        .get("info")
        .get("run_id")
        .asText();
  }

  @Test
  void createExperiment_withoutName_isInvalid() {
    Reply reply = post(newTenant(), "experiments/create", Map.of());
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
    assertThat(reply.json().get("message").asText()).contains("name");
  }

  @Test
  void int64FieldsSentAsStrings_areAccepted() {
    Tenant t = newTenant();
    String runId = newRun(t);
    Reply logged =
        post(
            t,
            "runs/log-metric",
            Map.of("run_id", runId, "key", "m", "value", "1.5", "timestamp", "42", "step", "3"));
    assertThat(logged.status()).isEqualTo(200);
    var metric =
        get(t, "metrics/get-history?run_id=" + runId + "&metric_key=m")
            .json()
            .get("metrics")
            .get(0);
    assertThat(metric.get("value").asDouble()).isEqualTo(1.5);
    assertThat(metric.get("timestamp").asLong()).isEqualTo(42);
    assertThat(metric.get("step").asLong()).isEqualTo(3);
  }

  @Test
  void logBatch_overTheLimits_isInvalidAndLogsNothing() {
    Tenant t = newTenant();
    String runId = newRun(t);
    List<Map<String, Object>> metrics = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      metrics.add(Map.of("key", "m", "value", i, "timestamp", 1, "step", i));
    }
    List<Map<String, Object>> params = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      params.add(Map.of("key", "p" + i, "value", "v"));
    }
    for (Map<String, Object> body :
        List.of(
            Map.of("run_id", runId, "metrics", metrics),
            Map.of("run_id", runId, "params", params),
            Map.of("run_id", runId, "tags", params),
            Map.of(
                "run_id",
                runId,
                "metrics",
                metrics.subList(0, 950),
                "params",
                params.subList(0, 60)))) {
      Reply reply = post(t, "runs/log-batch", body);
      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
      assertThat(reply.json().get("message").asText()).contains("at most");
    }
    var data = get(t, "runs/get?run_id=" + runId).json().get("run").get("data");
    assertThat(data.get("metrics")).isEmpty();
    assertThat(data.get("params")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "metrics.rmse >",
        "metric.rmse ~ 1",
        "foo.bar = 'x'",
        "attributes.nonsense = 'x'",
        "params.p > 'a'",
        "metrics.rmse = 'a'",
        "params.p = 'a' or params.q = 'b'",
        "tags.t = 'unterminated",
        "attributes.start_time LIKE 'x'"
      })
  void searchRuns_badFilter_isInvalidAndNamesTheProblem(String filter) {
    Tenant t = newTenant();
    newRun(t);
    Reply reply = post(t, "runs/search", Map.of("experiment_ids", List.of("0"), "filter", filter));
    assertThat(reply.status()).as(filter).isEqualTo(400);
    assertThat(reply.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
  }

  @Test
  void searchRuns_badOrderPageTokenOrSize_isInvalid() {
    Tenant t = newTenant();
    for (Map<String, Object> body :
        List.of(
            Map.<String, Object>of(
                "experiment_ids", List.of("0"), "order_by", List.of("metrics.x SIDEWAYS")),
            Map.<String, Object>of("experiment_ids", List.of("0"), "page_token", "not-a-token"),
            Map.<String, Object>of("experiment_ids", List.of("0"), "max_results", 50001))) {
      Reply reply = post(t, "runs/search", body);
      assertThat(reply.status()).as(body.toString()).isEqualTo(400);
      assertThat(reply.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
    }
  }

  @Test
  void filterValues_areBoundNotSpliced() {
    Tenant t = newTenant();
    String runId = newRun(t);
    post(t, "runs/set-tag", Map.of("run_id", runId, "key", "q", "value", "it's"));
    Reply reply =
        post(
            t,
            "runs/search",
            Map.of(
                "experiment_ids",
                List.of("0"),
                "filter",
                "tags.q = \"it's\" and tags.q != 'x OR 1=1 --'"));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("runs")).hasSize(1);
  }

  @Test
  void loggingToADeletedRun_isInvalid() {
    Tenant t = newTenant();
    String runId = newRun(t);
    post(t, "runs/delete", Map.of("run_id", runId));
    Reply reply = post(t, "runs/set-tag", Map.of("run_id", runId, "key", "k", "value", "v"));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
  }

  @Test
  void defaultExperiment_cannotBeDeleted() {
    Tenant t = newTenant();
    Reply reply = post(t, "experiments/delete", Map.of("experiment_id", "0"));
    assertThat(reply.status()).isEqualTo(400);
  }

  @Test
  void withoutToken_isUnauthorized() {
    assertThat(call(HttpRequest.GET(API + "experiments/get?experiment_id=0")).status())
        .isEqualTo(401);
  }
}
