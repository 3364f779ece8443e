package io.fathom.controlplane.mlflow.tracking.api;

import io.fathom.controlplane.mlflow.tracking.RunService;
import io.fathom.controlplane.mlflow.tracking.TrackingSearch;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.CreateRun;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.Empty;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.MetricHistory;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.RunInfoResponse;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.RunRef;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.RunResponse;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.RunsPage;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.SearchRuns;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.UpdateRun;
import io.fathom.controlplane.tenancy.FromToken;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** MLflow's run lifecycle and search endpoints, and the metric history. */
@Controller("/api/2.0/mlflow")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RunController {
  private final RunService runs;
  private final TrackingSearch search;

  RunController(RunService runs, TrackingSearch search) {
    this.runs = runs;
    this.search = search;
  }

  @Post("/runs/create")
  public RunResponse create(@FromToken ProjectScope scope, @Body CreateRun body) {
    var run =
        runs.create(
            scope,
            new RunService.NewRun(
                body.experimentId(),
                body.userId(),
                body.startTime(),
                body.runName(),
                TrackingMapper.orEmpty(body.tags())));
    return new RunResponse(TrackingMapper.run(run));
  }

  @Get("/runs/get")
  public RunResponse get(
      @FromToken ProjectScope scope,
      @Nullable @QueryValue("run_id") String runId,
      @Nullable @QueryValue("run_uuid") String runUuid) {
    return new RunResponse(
        TrackingMapper.run(runs.get(scope, TrackingMapper.runId(runId, runUuid))));
  }

  @Post("/runs/update")
  public RunInfoResponse update(@FromToken ProjectScope scope, @Body UpdateRun body) {
    var run =
        runs.update(
            scope,
            TrackingMapper.runId(body.runId(), body.runUuid()),
            body.status(),
            body.endTime(),
            body.runName());
    return new RunInfoResponse(TrackingMapper.info(run));
  }

  @Post("/runs/delete")
  public Empty delete(@FromToken ProjectScope scope, @Body RunRef body) {
    runs.delete(scope, TrackingMapper.runId(body.runId(), body.runUuid()));
    return new Empty();
  }

  @Post("/runs/restore")
  public Empty restore(@FromToken ProjectScope scope, @Body RunRef body) {
    runs.restore(scope, TrackingMapper.runId(body.runId(), body.runUuid()));
    return new Empty();
  }

  @Post("/runs/search")
  public RunsPage search(@FromToken ProjectScope scope, @Body SearchRuns body) {
    var page =
        search.runs(
            scope,
            TrackingMapper.orEmpty(body.experimentIds()),
            new TrackingSearch.Request(
                body.filter(),
                body.runViewType(),
                body.maxResults(),
                TrackingMapper.orEmpty(body.orderBy()),
                body.pageToken()));
    return new RunsPage(
        page.items().stream().map(TrackingMapper::run).toList(), page.nextPageToken());
  }

  /** The whole history of one metric, in step order (one page: MLflow's 25000 default). */
  @Get("/metrics/get-history")
  public MetricHistory history(
      @FromToken ProjectScope scope,
      @Nullable @QueryValue("run_id") String runId,
      @Nullable @QueryValue("run_uuid") String runUuid,
      @Nullable @QueryValue("metric_key") String metricKey) {
    return new MetricHistory(
        runs.history(scope, TrackingMapper.runId(runId, runUuid), metricKey), null);
  }
}
