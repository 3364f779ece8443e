package io.fathom.controlplane.mlflow.tracking.api;

import io.fathom.controlplane.mlflow.tracking.ExperimentService;
import io.fathom.controlplane.mlflow.tracking.TrackingSearch;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.CreateExperiment;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.Empty;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.ExperimentIdResponse;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.ExperimentRef;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.ExperimentResponse;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.ExperimentsPage;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.SearchExperiments;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.SetExperimentTag;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.UpdateExperiment;
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
import java.util.List;

/** MLflow's experiment endpoints: {@code /api/2.0/mlflow/experiments/...}. */
@Controller("/api/2.0/mlflow/experiments")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ExperimentController {
  private final ExperimentService experiments;
  private final TrackingSearch search;

  ExperimentController(ExperimentService experiments, TrackingSearch search) {
    this.experiments = experiments;
    this.search = search;
  }

  @Post("/create")
  public ExperimentIdResponse create(@FromToken ProjectScope scope, @Body CreateExperiment body) {
    var created = experiments.create(scope, body.name(), TrackingMapper.orEmpty(body.tags()));
    return new ExperimentIdResponse(String.valueOf(created.id()));
  }

  @Get("/get")
  public ExperimentResponse get(
      @FromToken ProjectScope scope, @Nullable @QueryValue("experiment_id") String experimentId) {
    return new ExperimentResponse(TrackingMapper.experiment(experiments.get(scope, experimentId)));
  }

  @Get("/get-by-name")
  public ExperimentResponse getByName(
      @FromToken ProjectScope scope, @Nullable @QueryValue("experiment_name") String name) {
    return new ExperimentResponse(TrackingMapper.experiment(experiments.getByName(scope, name)));
  }

  @Post("/search")
  public ExperimentsPage search(@FromToken ProjectScope scope, @Body SearchExperiments body) {
    return page(
        scope,
        new TrackingSearch.Request(
            body.filter(),
            body.viewType(),
            body.maxResults(),
            TrackingMapper.orEmpty(body.orderBy()),
            body.pageToken()));
  }

  @Get("/search")
  public ExperimentsPage searchGet(
      @FromToken ProjectScope scope,
      @Nullable @QueryValue("max_results") Long maxResults,
      @Nullable @QueryValue("page_token") String pageToken,
      @Nullable @QueryValue("filter") String filter,
      @Nullable @QueryValue("order_by") List<String> orderBy,
      @Nullable @QueryValue("view_type") String viewType) {
    return page(
        scope,
        new TrackingSearch.Request(
            filter, viewType, maxResults, TrackingMapper.orEmpty(orderBy), pageToken));
  }

  @Post("/update")
  public Empty update(@FromToken ProjectScope scope, @Body UpdateExperiment body) {
    experiments.rename(scope, body.experimentId(), body.newName());
    return new Empty();
  }

  @Post("/delete")
  public Empty delete(@FromToken ProjectScope scope, @Body ExperimentRef body) {
    experiments.delete(scope, body.experimentId());
    return new Empty();
  }

  @Post("/restore")
  public Empty restore(@FromToken ProjectScope scope, @Body ExperimentRef body) {
    experiments.restore(scope, body.experimentId());
    return new Empty();
  }

  @Post("/set-experiment-tag")
  public Empty setTag(@FromToken ProjectScope scope, @Body SetExperimentTag body) {
    experiments.setTag(scope, body.experimentId(), body.key(), body.value());
    return new Empty();
  }

  private ExperimentsPage page(ProjectScope scope, TrackingSearch.Request request) {
    var page = search.experiments(scope, request);
    return new ExperimentsPage(
        page.items().stream().map(TrackingMapper::experiment).toList(), page.nextPageToken());
  }
}
