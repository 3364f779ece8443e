package io.fathom.controlplane.ml.experiments.api;

import io.fathom.controlplane.common.DataEnvelope;
import io.fathom.controlplane.common.PageEnvelope;
import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.common.filter.Filter;
import io.fathom.controlplane.common.filter.FilterParser;
import io.fathom.controlplane.ml.experiments.ExperimentViews;
import io.fathom.controlplane.ml.experiments.RunViews;
import io.fathom.controlplane.ml.experiments.api.MlDtos.ExperimentDetail;
import io.fathom.controlplane.ml.experiments.api.MlDtos.ExperimentView;
import io.fathom.controlplane.ml.experiments.api.MlDtos.FilterBody;
import io.fathom.controlplane.ml.experiments.api.MlDtos.RunsFilterBody;
import io.fathom.controlplane.ml.experiments.api.MlDtos.RunsPage;
import io.fathom.controlplane.mlflow.tracking.ExperimentRecord;
import io.fathom.controlplane.tenancy.FromToken;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.function.Predicate;

/** The platform's experiments: {@code /api/intelligence/machine-learning/v1/experiments}. */
@Controller("/api/intelligence/machine-learning/v1/experiments")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MlExperimentController {
  private final ExperimentViews experiments;
  private final RunViews runs;

  MlExperimentController(ExperimentViews experiments, RunViews runs) {
    this.experiments = experiments;
    this.runs = runs;
  }

  @Get
  public PageEnvelope<ExperimentView> list(
      @FromToken ProjectScope scope,
      @Nullable @QueryValue("page_number") Integer pageNumber,
      @Nullable @QueryValue("page_size") Integer pageSize) {
    return page(scope, null, PageRequest.of(pageNumber, pageSize));
  }

  @Post("/filter")
  public PageEnvelope<ExperimentView> filter(
      @FromToken ProjectScope scope,
      @Body FilterBody body,
      @Nullable @QueryValue("page_number") Integer pageNumber,
      @Nullable @QueryValue("page_size") Integer pageSize) {
    return page(scope, body.filter(), PageRequest.of(pageNumber, pageSize));
  }

  @Get("/{id}")
  public DataEnvelope<ExperimentDetail> get(
      @FromToken ProjectScope scope, @PathVariable String id) {
    ExperimentRecord e = experiments.get(scope.projectId(), id);
    return DataEnvelope.of(
        MlMapper.detail(
            e, experiments.keys(e.id(), "metrics"), experiments.keys(e.id(), "params")));
  }

  @Get("/{experiment_id}/runs")
  public RunsPage runs(
      @FromToken ProjectScope scope,
      @PathVariable("experiment_id") String experimentId,
      @Nullable @QueryValue("page_number") Integer pageNumber,
      @Nullable @QueryValue("page_size") Integer pageSize) {
    return runPage(scope, experimentId, new RunsFilterBody(null, null, null), pageNumber, pageSize);
  }

  @Post("/{experiment_id}/runs/filter")
  public RunsPage filterRuns(
      @FromToken ProjectScope scope,
      @PathVariable("experiment_id") String experimentId,
      @Body RunsFilterBody body,
      @Nullable @QueryValue("page_number") Integer pageNumber,
      @Nullable @QueryValue("page_size") Integer pageSize) {
    return runPage(scope, experimentId, body, pageNumber, pageSize);
  }

  private PageEnvelope<ExperimentView> page(
      ProjectScope scope, @Nullable Object filter, PageRequest page) {
    var result = experiments.find(scope.projectId(), FilterParser.parse(filter), page);
    return PageEnvelope.of(result.items(), page, result.total(), MlMapper::experiment);
  }

  private RunsPage runPage(
      ProjectScope scope,
      String experimentId,
      RunsFilterBody body,
      @Nullable Integer pageNumber,
      @Nullable Integer pageSize) {
    PageRequest page = PageRequest.of(pageNumber, pageSize);
    ExperimentRecord e = experiments.get(scope.projectId(), experimentId);
    Filter filter = FilterParser.parse(body.filter());
    var result = runs.find(scope.projectId(), e.id(), filter, page);
    Predicate<String> metric = wanted(body.metrics());
    Predicate<String> param = wanted(body.parameters());
    long pages = result.total() == 0 ? 0 : (result.total() + page.pageSize() - 1) / page.pageSize();
    return new RunsPage(
        result.items().stream().map(r -> MlMapper.run(r, metric, param)).toList(),
        new MlDtos.RunsPagination(
            page.pageNumber(),
            page.pageSize(),
            result.total(),
            pages,
            new MlDtos.Fields(
                experiments.keys(e.id(), "metrics"), experiments.keys(e.id(), "params"))));
  }

  private static Predicate<String> wanted(@Nullable List<String> keys) {
    return keys == null ? k -> true : keys::contains;
  }
}
