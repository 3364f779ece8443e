package io.fathom.controlplane.mlflow.tracking.api;

import io.fathom.controlplane.mlflow.tracking.Metric;
import io.fathom.controlplane.mlflow.tracking.RunLogging;
import io.fathom.controlplane.mlflow.tracking.Tag;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.Empty;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.KeyValue;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.LogBatch;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.LogInputs;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.LogMetric;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.LogModel;
import io.fathom.controlplane.tenancy.FromToken;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** MLflow's logging endpoints: {@code /api/2.0/mlflow/runs/log-*}, tags. */
@Controller("/api/2.0/mlflow/runs")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RunLogController {
  private final RunLogging logging;

  RunLogController(RunLogging logging) {
    this.logging = logging;
  }

  @Post("/log-parameter")
  public Empty logParam(@FromToken ProjectScope scope, @Body KeyValue body) {
    logging.logParam(scope, runId(body), new Tag(body.key(), body.value()));
    return new Empty();
  }

  @Post("/log-metric")
  public Empty logMetric(@FromToken ProjectScope scope, @Body LogMetric body) {
    logging.logMetric(
        scope,
        TrackingMapper.runId(body.runId(), body.runUuid()),
        new Metric(body.key(), body.value(), body.timestamp(), body.step()));
    return new Empty();
  }

  @Post("/log-batch")
  public Empty logBatch(@FromToken ProjectScope scope, @Body LogBatch body) {
    logging.logBatch(
        scope,
        body.runId(),
        TrackingMapper.orEmpty(body.metrics()),
        TrackingMapper.orEmpty(body.params()),
        TrackingMapper.orEmpty(body.tags()));
    return new Empty();
  }

  @Post("/set-tag")
  public Empty setTag(@FromToken ProjectScope scope, @Body KeyValue body) {
    logging.setTag(scope, runId(body), new Tag(body.key(), body.value()));
    return new Empty();
  }

  @Post("/delete-tag")
  public Empty deleteTag(@FromToken ProjectScope scope, @Body KeyValue body) {
    logging.deleteTag(scope, runId(body), body.key());
    return new Empty();
  }

  @Post("/log-inputs")
  public Empty logInputs(@FromToken ProjectScope scope, @Body LogInputs body) {
    logging.logInputs(scope, body.runId(), TrackingMapper.orEmpty(body.datasets()));
    return new Empty();
  }

  @Post("/log-model")
  public Empty logModel(@FromToken ProjectScope scope, @Body LogModel body) {
    logging.logModel(scope, body.runId(), body.modelJson());
    return new Empty();
  }

  private static String runId(KeyValue body) {
    return TrackingMapper.runId(body.runId(), body.runUuid());
  }
}
