package io.fathom.controlplane.ml.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.controlplane.support.ApiTestBase;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The platform's experiments and runs view of what MLflow clients logged. */
@MicronautTest(transactional = false)
class MlExperimentViewTest extends ApiTestBase {
  static final String ML = "/api/intelligence/machine-learning/v1";
  static final String MLFLOW = "/api/2.0/mlflow/";

  JsonNode mlflow(Tenant t, String path, Object body) {
    Reply reply = call(HttpRequest.POST(MLFLOW + path, body).bearerAuth(t.projectToken()));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json();
  }

  /** Two experiments; "churn" has two runs with metrics, params and tags. */
  record Seeded(String churnId, List<String> runIds) {}

  Seeded seed(Tenant t) {
    String churn =
        mlflow(t, "experiments/create", Map.of("name", "churn")).get("experiment_id").asText();
    mlflow(t, "experiments/create", Map.of("name", "fraud"));
    mlflow(
        t,
        "experiments/set-experiment-tag",
        Map.of("experiment_id", churn, "key", "team", "value", "core"));
    List<String> runs = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      String runId =
          mlflow(
                  t,
                  "runs/create",
                  Map.of("experiment_id", churn, "run_name", "r" + i, "start_time", 1000 * i))
              .get("run")
              .get("info")
              .get("run_id")
              .asText();
      mlflow(
          t,
          "runs/log-batch",
          Map.of(
              "run_id", runId,
              "metrics",
                  List.of(Map.of("key", "auc", "value", 0.5 + i / 10.0, "timestamp", 5, "step", 0)),
              "params", List.of(Map.of("key", "depth", "value", "" + i)),
              "tags", List.of(Map.of("key", "version", "value", "1." + i))));
      runs.add(runId);
    }
    mlflow(t, "runs/update", Map.of("run_id", runs.get(0), "status", "FINISHED", "end_time", 9000));
    return new Seeded(churn, runs);
  }

  Reply get(Tenant t, String path) {
    return call(t.auth(HttpRequest.GET(ML + path)));
  }

  @Test
  void experiments_listFilterAndGet() {
    Tenant t = newTenant();
    Seeded s = seed(t);

    Reply list = get(t, "/experiments?page_size=10");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().get("pagination").get("totalElements").asInt()).isEqualTo(2);
    JsonNode churn = list.data().get(0);
    assertThat(churn.get("name").asText()).isEqualTo("churn");
    assertThat(churn.get("remoteId").asText()).isEqualTo(s.churnId());
    assertThat(UUID.fromString(churn.get("id").asText())).isNotNull();
    assertThat(churn.get("createdAt").asText()).endsWith("Z");
    assertThat(churn.get("updatedAt").asText()).isNotBlank();
    assertThat(churn.get("tags").get(0).get("key").asText()).isEqualTo("team");
    assertThat(churn.has("functionId")).isTrue();

    Reply filtered =
        call(
            t.auth(
                HttpRequest.POST(
                    ML + "/experiments/filter",
                    Map.of("filter", Map.of("@regex", Map.of("path", "name", "pattern", "^fr"))))));
    assertThat(filtered.data()).extracting(n -> n.get("name").asText()).containsExactly("fraud");
    Reply byTime =
        call(
            t.auth(
                HttpRequest.POST(
                    ML + "/experiments/filter",
                    Map.of(
                        "filter",
                        Map.of(
                            "@gt",
                            Map.of("path", "createdAt", "value", "2000-01-01T00:00:00Z"))))));
    assertThat(byTime.data()).hasSize(2);

    Reply one = get(t, "/experiments/" + churn.get("id").asText());
    assertThat(one.data().get("name").asText()).isEqualTo("churn");
    assertThat(one.data().get("metrics")).extracting(JsonNode::asText).containsExactly("auc");
    assertThat(one.data().get("parameters")).extracting(JsonNode::asText).containsExactly("depth");
  }

  @Test
  void runs_listFilterGetMetricsAndParameters() {
    Tenant t = newTenant();
    Seeded s = seed(t);
    String experiment = get(t, "/experiments").data().get(0).get("id").asText();

    Reply runs = get(t, "/experiments/" + experiment + "/runs");
    assertThat(runs.status()).isEqualTo(200);
    assertThat(runs.json().get("pagination").get("fields").get("metrics").get(0).asText())
        .isEqualTo("auc");
    JsonNode newest = runs.data().get(0);
    assertThat(newest.get("name").asText()).isEqualTo("r2");
    assertThat(newest.get("remoteId").asText()).isEqualTo(s.runIds().get(1));
    assertThat(newest.get("status").asText()).isEqualTo("running");
    assertThat(newest.get("metrics").get("auc").asDouble()).isEqualTo(0.7);
    assertThat(newest.get("parameters").get("depth").asText()).isEqualTo("2");
    assertThat(newest.get("tags"))
        .extracting(n -> n.get("key").asText())
        .containsExactly("version");

    Reply onlyFinished =
        call(
            t.auth(
                HttpRequest.POST(
                    ML + "/experiments/" + experiment + "/runs/filter",
                    Map.of(
                        "metrics", List.of("none"),
                        "filter", Map.of("@eq", Map.of("path", "status", "value", "finished"))))));
    assertThat(onlyFinished.data()).hasSize(1);
    assertThat(onlyFinished.data().get(0).get("name").asText()).isEqualTo("r1");
    assertThat(onlyFinished.data().get(0).get("metrics")).isEmpty();

    String runId = newest.get("id").asText();
    Reply run = get(t, "/runs/" + runId);
    assertThat(run.data().get("remoteId").asText()).isEqualTo(s.runIds().get(1));
    assertThat(run.data().get("createdAt").asText()).isEqualTo("1970-01-01T00:00:02Z");
    assertThat(get(t, "/runs/" + runId + "/metrics").data().get("metrics").get("auc").asDouble())
        .isEqualTo(0.7);
    assertThat(
            get(t, "/runs/" + runId + "/parameters").data().get("parameters").get("depth").asText())
        .isEqualTo("2");
  }

  @Test
  void anotherProject_getsNotFound() {
    Tenant a = newTenant();
    Tenant b = newTenant();
    seed(a);
    String experiment = get(a, "/experiments").data().get(0).get("id").asText();
    String run = get(a, "/experiments/" + experiment + "/runs").data().get(0).get("id").asText();

    assertThat(get(b, "/experiments").data()).isEmpty();
    assertThat(get(b, "/experiments/" + experiment).status()).isEqualTo(404);
    assertThat(get(b, "/experiments/" + experiment).errorCode()).isEqualTo("experiment-not-found");
    assertThat(get(b, "/experiments/" + experiment + "/runs").status()).isEqualTo(404);
    assertThat(get(b, "/runs/" + run).status()).isEqualTo(404);
    assertThat(get(b, "/runs/" + run + "/metrics").errorCode()).isEqualTo("run-not-found");
    assertThat(get(a, "/runs/not-a-uuid").status()).isEqualTo(404);
  }

  @Test
  void badFilter_usesThePlatformErrorShape() {
    Tenant t = newTenant();
    Reply reply =
        call(
            t.auth(
                HttpRequest.POST(
                    ML + "/experiments/filter",
                    Map.of("filter", Map.of("@eq", Map.of("path", "colour", "value", "x"))))));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("invalid-filter");
  }
}
