package io.fathom.controlplane.mlflow.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.controlplane.support.ApiTestBase;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.ExperimentsPage;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.RunsPage;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/** The real MLflow Java client against the started control plane, with a project token. */
@MicronautTest(transactional = false)
class MlflowTrackingClientTest extends ApiTestBase {
  @Inject EmbeddedServer server;

  MlflowClient client(Tenant t) {
    return new MlflowClient(new BasicMlflowHostCreds(server.getURL().toString(), t.projectToken()));
  }

  @Test
  void experiments_createGetByNameTagRenameDeleteRestore() {
    MlflowClient mlflow = client(newTenant());
    String id = mlflow.createExperiment("fraud-detection");
    mlflow.setExperimentTag(id, "team", "core");

    Experiment e = mlflow.getExperiment(id);
    assertThat(e.getName()).isEqualTo("fraud-detection");
    assertThat(e.getExperimentId()).isEqualTo(id);
    assertThat(e.getLifecycleStage()).isEqualTo("active");
    assertThat(e.getArtifactLocation()).isEqualTo("mlflow-artifacts:/" + id);
    assertThat(e.getCreationTime()).isPositive();
    assertThat(e.getTagsList())
        .anyMatch(t -> t.getKey().equals("team") && t.getValue().equals("core"));
    assertThat(mlflow.getExperimentByName("fraud-detection").orElseThrow().getExperimentId())
        .isEqualTo(id);

    mlflow.renameExperiment(id, "fraud-v2");
    assertThat(mlflow.getExperiment(id).getName()).isEqualTo("fraud-v2");

    mlflow.deleteExperiment(id);
    assertThat(mlflow.getExperiment(id).getLifecycleStage()).isEqualTo("deleted");
    assertThat(mlflow.searchExperiments("name = 'fraud-v2'").getItems()).isEmpty();
    assertThat(
            mlflow
                .searchExperiments("name = 'fraud-v2'", ViewType.DELETED_ONLY, 10, List.of())
                .getItems())
        .hasSize(1);
    mlflow.restoreExperiment(id);
    assertThat(mlflow.getExperiment(id).getLifecycleStage()).isEqualTo("active");
  }

  @Test
  void searchExperiments_filtersOrdersAndPages() {
    MlflowClient mlflow = client(newTenant());
    String a = mlflow.createExperiment("alpha");
    String b = mlflow.createExperiment("beta");
    mlflow.createExperiment("gamma");
    mlflow.setExperimentTag(a, "team", "x");
    mlflow.setExperimentTag(b, "team", "y");

    assertThat(names(mlflow.searchExperiments("tags.team = 'x'").getItems()))
        .containsExactly("alpha");
    assertThat(names(mlflow.searchExperiments("name LIKE '%a'").getItems()))
        .containsExactlyInAnyOrder("alpha", "beta", "gamma");
    var page =
        mlflow.searchExperiments(
            "name != 'Default'", ViewType.ACTIVE_ONLY, 2, List.of("name DESC"));
    assertThat(names(page.getItems())).containsExactly("gamma", "beta");
    assertThat(page.hasNextPage()).isTrue();
    assertThat(names(((ExperimentsPage) page.getNextPage()).getItems())).containsExactly("alpha");
    // the Default experiment exists from the first use
    assertThat(names(mlflow.searchExperiments().getItems())).contains("Default");
  }

  @Test
  void runs_lifecycleAndLogging() {
    MlflowClient mlflow = client(newTenant());
    String experimentId = mlflow.createExperiment("runs");
    RunInfo info =
        mlflow.createRun(
            CreateRun.newBuilder()
                .setExperimentId(experimentId)
                .setRunName("first")
                .setUserId("ada")
                .setStartTime(1000)
                .build());
    String runId = info.getRunId();
    assertThat(runId).hasSize(32);
    assertThat(info.getRunUuid()).isEqualTo(runId);
    assertThat(info.getStatus()).isEqualTo(RunStatus.RUNNING);
    assertThat(info.getArtifactUri())
        .isEqualTo("mlflow-artifacts:/" + experimentId + "/" + runId + "/artifacts");

    mlflow.logParam(runId, "learning_rate", "0.01");
    mlflow.logParam(runId, "learning_rate", "0.01"); // the same value again is fine
    mlflow.logMetric(runId, "loss", 0.9, 100, 0);
    mlflow.logMetric(runId, "loss", 0.5, 200, 1);
    mlflow.logMetric(runId, "loss", 0.7, 150, 0);
    mlflow.setTag(runId, "version", "1.0");
    mlflow.setTag(runId, "temporary", "x");
    mlflow.deleteTag(runId, "temporary");
    mlflow.logBatch(
        runId,
        List.of(
            Metric.newBuilder()
                .setKey("accuracy")
                .setValue(0.95)
                .setTimestamp(300)
                .setStep(2)
                .build()),
        List.of(Param.newBuilder().setKey("epochs").setValue("10").build()),
        List.of(RunTag.newBuilder().setKey("stage").setValue("train").build()));
    mlflow.setTerminated(runId, RunStatus.FINISHED, 5000);

    Run run = mlflow.getRun(runId);
    assertThat(run.getInfo().getStatus()).isEqualTo(RunStatus.FINISHED);
    assertThat(run.getInfo().getEndTime()).isEqualTo(5000);
    assertThat(run.getInfo().getRunName()).isEqualTo("first");
    assertThat(run.getInfo().getUserId()).isEqualTo("ada");
    assertThat(run.getInfo().getStartTime()).isEqualTo(1000);
    assertThat(params(run)).containsEntry("learning_rate", "0.01").containsEntry("epochs", "10");
    assertThat(tags(run))
        .containsEntry("version", "1.0")
        .containsEntry("stage", "train")
        .containsEntry("mlflow.runName", "first")
        .doesNotContainKey("temporary");
    Map<String, Double> latest =
        run.getData().getMetricsList().stream()
            .collect(Collectors.toMap(Metric::getKey, Metric::getValue));
    assertThat(latest).containsEntry("loss", 0.5).containsEntry("accuracy", 0.95);

    List<Metric> history = mlflow.getMetricHistory(runId, "loss");
    assertThat(history).extracting(Metric::getValue).containsExactly(0.9, 0.7, 0.5);
    assertThat(history).extracting(Metric::getStep).containsExactly(0L, 0L, 1L);
    assertThat(history).extracting(Metric::getTimestamp).containsExactly(100L, 150L, 200L);

    mlflow.deleteRun(runId);
    assertThat(mlflow.getRun(runId).getInfo().getLifecycleStage()).isEqualTo("deleted");
    assertThat(mlflow.searchRuns(List.of(experimentId), "")).isEmpty();
    mlflow.restoreRun(runId);
    assertThat(mlflow.searchRuns(List.of(experimentId), "")).hasSize(1);
  }

  @Test
  void createRun_withoutExperiment_usesTheProjectsDefault() {
    MlflowClient mlflow = client(newTenant());
    RunInfo info = mlflow.createRun();
    Experiment defaults = mlflow.getExperiment("0");
    assertThat(defaults.getName()).isEqualTo("Default");
    assertThat(info.getExperimentId()).isEqualTo(defaults.getExperimentId());
    assertThat(mlflow.getRun(info.getRunId()).getInfo().getRunName()).isNotBlank();
    assertThat(mlflow.searchRuns(List.of("0"), ""))
        .extracting(RunInfo::getRunId)
        .containsExactly(info.getRunId());
  }

  @Test
  void searchRuns_filtersOrdersAndPages() {
    MlflowClient mlflow = client(newTenant());
    String experimentId = mlflow.createExperiment("search");
    for (int i = 1; i <= 5; i++) {
      String runId =
          mlflow
              .createRun(
                  CreateRun.newBuilder()
                      .setExperimentId(experimentId)
                      .setRunName("run-" + i)
                      .setStartTime(1000L * i)
                      .build())
              .getRunId();
      mlflow.logMetric(runId, "rmse", i / 10.0, 1, 0);
      mlflow.logParam(runId, "model", i % 2 == 0 ? "tree" : "linear");
      mlflow.setTag(runId, "parity", i % 2 == 0 ? "even" : "odd");
      if (i <= 2) {
        mlflow.setTerminated(runId, RunStatus.FINISHED, 9000);
      }
    }
    List<String> ids = List.of(experimentId);

    assertThat(runNames(mlflow, ids, "metrics.rmse > 0.25", List.of("metrics.rmse ASC")))
        .containsExactly("run-3", "run-4", "run-5");
    assertThat(runNames(mlflow, ids, "params.model = 'tree'", List.of("attributes.start_time ASC")))
        .containsExactly("run-2", "run-4");
    assertThat(runNames(mlflow, ids, "tags.parity != 'even' and metrics.rmse <= 0.3", List.of()))
        .containsExactly("run-3", "run-1");
    assertThat(
            runNames(mlflow, ids, "attributes.status = 'FINISHED'", List.of("metrics.rmse DESC")))
        .containsExactly("run-2", "run-1");
    assertThat(
            runNames(
                mlflow,
                ids,
                "attribute.run_name LIKE 'run-%' and params.model ILIKE 'LIN%'",
                List.of("attributes.run_name")))
        .containsExactly("run-1", "run-3", "run-5");
    assertThat(runNames(mlflow, ids, "attributes.run_name IN ('run-1', 'run-5')", List.of()))
        .containsExactly("run-5", "run-1");

    RunsPage first =
        mlflow.searchRuns(ids, "", ViewType.ACTIVE_ONLY, 2, List.of("metrics.rmse DESC"));
    assertThat(first.getItems())
        .extracting(r -> r.getInfo().getRunName())
        .containsExactly("run-5", "run-4");
    assertThat(first.getNextPageToken()).isPresent();
    var second = first.getNextPage();
    assertThat(second.getItems())
        .extracting(r -> r.getInfo().getRunName())
        .containsExactly("run-3", "run-2");
    var third = second.getNextPage();
    assertThat(third.getItems()).extracting(r -> r.getInfo().getRunName()).containsExactly("run-1");
    assertThat(third.hasNextPage()).isFalse();
  }

  @Test
  void duplicateExperimentName_failsFastWithTheSameErrorAndCreatesNothing() {
    MlflowClient mlflow = client(newTenant());
    mlflow.createExperiment("dup");
    long started = System.nanoTime();
    assertThatThrownBy(() -> mlflow.createExperiment("dup"))
        .isInstanceOf(MlflowHttpException.class)
        .satisfies(
            e -> {
              MlflowHttpException http = (MlflowHttpException) e;
              assertThat(http.getStatusCode()).isEqualTo(400);
              assertThat(http.getBodyMessage()).contains("RESOURCE_ALREADY_EXISTS");
            });
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(10_000);
    assertThat(mlflow.searchExperiments("name = 'dup'", ViewType.ALL, 10, List.of()).getItems())
        .hasSize(1);
  }

  @Test
  void unknownIds_areResourceDoesNotExist() {
    MlflowClient mlflow = client(newTenant());
    assertThat(mlflow.getExperimentByName("nope")).isEmpty();
    for (Runnable call :
        List.<Runnable>of(
            () -> mlflow.getExperiment("987654321"),
            () -> mlflow.getRun("0123456789abcdef0123456789abcdef"),
            () -> mlflow.logParam("0123456789abcdef0123456789abcdef", "k", "v"))) {
      assertThatThrownBy(call::run)
          .isInstanceOfSatisfying(
              MlflowHttpException.class,
              e -> {
                assertThat(e.getStatusCode()).isEqualTo(404);
                assertThat(e.getBodyMessage()).contains("RESOURCE_DOES_NOT_EXIST");
              });
    }
  }

  @Test
  void changingAParam_isInvalid() {
    MlflowClient mlflow = client(newTenant());
    String runId = mlflow.createRun().getRunId();
    mlflow.logParam(runId, "p", "a");
    assertThatThrownBy(() -> mlflow.logParam(runId, "p", "b"))
        .isInstanceOfSatisfying(
            MlflowHttpException.class,
            e -> assertThat(e.getBodyMessage()).contains("INVALID_PARAMETER_VALUE"));
    assertThat(params(mlflow.getRun(runId))).containsEntry("p", "a");
  }

  @Test
  void anotherProject_seesNothing() {
    MlflowClient a = client(newTenant());
    MlflowClient b = client(newTenant());
    String experimentId = a.createExperiment("private");
    String runId = a.createRun(experimentId).getRunId();

    assertThatThrownBy(() -> b.getExperiment(experimentId))
        .isInstanceOfSatisfying(
            MlflowHttpException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    assertThatThrownBy(() -> b.getRun(runId))
        .isInstanceOfSatisfying(
            MlflowHttpException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
    assertThat(b.getExperimentByName("private")).isEmpty();
    assertThat(b.searchRuns(List.of(experimentId), "")).isEmpty();
    assertThat(names(b.searchExperiments().getItems())).containsExactly("Default");
    // the same name is free in another project
    assertThat(b.createExperiment("private")).isNotEqualTo(experimentId);
  }

  @Test
  void sendGetAndPost_reachTheRestOfTheApi() throws Exception {
    MlflowClient mlflow = client(newTenant());
    String runId = mlflow.createRun().getRunId();
    mlflow.sendPost(
        "runs/log-inputs",
        "{\"run_id\":\""
            + runId
            + "\",\"datasets\":[{\"tags\":[{\"key\":\"mlflow.data.context\","
            + "\"value\":\"train\"}],\"dataset\":{\"name\":\"iris\",\"digest\":\"abc\","
            + "\"source_type\":\"local\",\"source\":\"{}\"}}]}");
    mlflow.sendPost(
        "runs/log-model",
        "{\"run_id\":\"" + runId + "\",\"model_json\":\"{\\\"artifact_path\\\":\\\"model\\\"}\"}");
    mlflow.sendPost("runs/update", "{\"run_id\":\"" + runId + "\",\"run_name\":\"renamed\"}");
    String run = mlflow.sendGet("runs/get?run_id=" + runId);
    var json = JSON.readTree(run).get("run");
    assertThat(json.get("info").get("run_name").asText()).isEqualTo("renamed");
    assertThat(
            json.get("inputs")
                .get("dataset_inputs")
                .get(0)
                .get("dataset")
                .get("source_type")
                .asText())
        .isEqualTo("local");
    assertThat(tags(mlflow.getRun(runId)).get("mlflow.log-model.history"))
        .isEqualTo("[{\"artifact_path\":\"model\"}]");
    String search =
        mlflow.sendGet("experiments/search?max_results=5&filter=name%20%3D%20%27Default%27");
    assertThat(JSON.readTree(search).get("experiments")).hasSize(1);
  }

  private static List<String> names(List<Experiment> experiments) {
    return experiments.stream().map(Experiment::getName).toList();
  }

  private static List<String> runNames(
      MlflowClient mlflow, List<String> ids, String filter, List<String> order) {
    return mlflow.searchRuns(ids, filter, ViewType.ACTIVE_ONLY, 100, order).getItems().stream()
        .map(r -> r.getInfo().getRunName())
        .toList();
  }

  private static Map<String, String> params(Run run) {
    return run.getData().getParamsList().stream()
        .collect(Collectors.toMap(Param::getKey, Param::getValue));
  }

  private static Map<String, String> tags(Run run) {
    return run.getData().getTagsList().stream()
        .collect(Collectors.toMap(RunTag::getKey, RunTag::getValue));
  }
}
