package io.fathom.controlplane.ml.experiments.api;

import io.fathom.controlplane.common.DataEnvelope;
import io.fathom.controlplane.ml.experiments.RunViews;
import io.fathom.controlplane.ml.experiments.api.MlDtos.RunDetail;
import io.fathom.controlplane.ml.experiments.api.MlDtos.RunMetrics;
import io.fathom.controlplane.ml.experiments.api.MlDtos.RunParameters;
import io.fathom.controlplane.tenancy.FromToken;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** The platform's runs: {@code /api/intelligence/machine-learning/v1/runs/{run_id}}. */
@Controller("/api/intelligence/machine-learning/v1/runs/{run_id}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MlRunController {
  private final RunViews runs;

  MlRunController(RunViews runs) {
    this.runs = runs;
  }

  @Get
  public DataEnvelope<RunDetail> get(
      @FromToken ProjectScope scope, @PathVariable("run_id") String runId) {
    return DataEnvelope.of(MlMapper.detail(runs.get(scope.projectId(), runId)));
  }

  @Get("/metrics")
  public DataEnvelope<RunMetrics> metrics(
      @FromToken ProjectScope scope, @PathVariable("run_id") String runId) {
    var run = runs.get(scope.projectId(), runId);
    return DataEnvelope.of(new RunMetrics(MlMapper.metrics(run.metrics(), k -> true)));
  }

  @Get("/parameters")
  public DataEnvelope<RunParameters> parameters(
      @FromToken ProjectScope scope, @PathVariable("run_id") String runId) {
    var run = runs.get(scope.projectId(), runId);
    return DataEnvelope.of(new RunParameters(MlMapper.params(run.params(), k -> true)));
  }
}
