package io.fathom.controlplane.mlflow.tracking;

import io.fathom.controlplane.mlflow.MlflowException;
import io.fathom.controlplane.mlflow.tracking.search.Clause;
import io.fathom.controlplane.mlflow.tracking.search.ExperimentSearchSql;
import io.fathom.controlplane.mlflow.tracking.search.OrderBy;
import io.fathom.controlplane.mlflow.tracking.search.PageToken;
import io.fathom.controlplane.mlflow.tracking.search.RunSearchSql;
import io.fathom.controlplane.mlflow.tracking.search.SearchParser;
import io.fathom.controlplane.mlflow.tracking.search.ViewType;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** {@code runs/search} and {@code experiments/search}: MLflow's filter strings, ordering, pages. */
@Singleton
public class TrackingSearch {
  public static final int MAX_RUNS = 50000;
  public static final int DEFAULT_RUNS = 1000;
  public static final int MAX_EXPERIMENTS = 50000;
  public static final int DEFAULT_EXPERIMENTS = 1000;

  /** One page and the token of the next, if there may be more. */
  public record Page<T>(List<T> items, @Nullable String nextPageToken) {}

  /** The common search arguments. */
  public record Request(
      @Nullable String filter,
      @Nullable String viewType,
      @Nullable Long maxResults,
      List<String> orderBy,
      @Nullable String pageToken) {}

  private final RunStore runs;
  private final ExperimentStore experimentStore;
  private final ExperimentService experiments;

  public TrackingSearch(
      RunStore runs, ExperimentStore experimentStore, ExperimentService experiments) {
    this.runs = runs;
    this.experimentStore = experimentStore;
    this.experiments = experiments;
  }

  @Transactional
  public Page<RunDetails> runs(ProjectScope scope, List<String> experimentIds, Request request) {
    List<Clause> clauses = SearchParser.filter(request.filter(), null);
    List<OrderBy> orderBy =
        request.orderBy().stream().map(o -> SearchParser.orderBy(o, null)).toList();
    int limit = limit(request.maxResults(), DEFAULT_RUNS, MAX_RUNS);
    long offset = PageToken.decode(request.pageToken());
    List<Long> ids = new ArrayList<>();
    for (String id : experimentIds) {
      ids.add(
          ExperimentService.DEFAULT_ID.equals(id)
              ? experiments.defaultExperiment(scope.projectId()).id()
              : parseExperimentId(id));
    }
    var query =
        RunSearchSql.build(
            scope.projectId(),
            ids,
            ViewType.parse(request.viewType()),
            clauses,
            orderBy,
            limit + 1,
            offset);
    List<RunRecord> found = runs.list(query.sql(), query.params());
    return page(
        runs.details(found.subList(0, Math.min(limit, found.size()))),
        found.size() > limit,
        offset,
        limit);
  }

  @Transactional
  public Page<ExperimentRecord> experiments(ProjectScope scope, Request request) {
    List<Clause> clauses = SearchParser.filter(request.filter(), Clause.Entity.ATTRIBUTE);
    List<OrderBy> orderBy =
        request.orderBy().stream()
            .map(o -> SearchParser.orderBy(o, Clause.Entity.ATTRIBUTE))
            .toList();
    int limit = limit(request.maxResults(), DEFAULT_EXPERIMENTS, MAX_EXPERIMENTS);
    long offset = PageToken.decode(request.pageToken());
    experiments.defaultExperiment(scope.projectId());
    var query =
        ExperimentSearchSql.build(
            ExperimentStore.COLUMNS,
            scope.projectId(),
            ViewType.parse(request.viewType()),
            clauses,
            orderBy,
            limit + 1,
            offset);
    List<ExperimentRecord> found = experimentStore.list(query.sql(), query.params());
    return page(
        found.subList(0, Math.min(limit, found.size())), found.size() > limit, offset, limit);
  }

  private static <T> Page<T> page(List<T> items, boolean more, long offset, int limit) {
    return new Page<>(List.copyOf(items), more ? PageToken.encode(offset + limit) : null);
  }

  private static int limit(@Nullable Long requested, int fallback, int max) {
    if (requested == null || requested == 0) {
      return fallback;
    }
    if (requested < 1 || requested > max) {
      throw MlflowException.invalid(
          "Invalid value "
              + requested
              + " for parameter 'max_results' supplied. It must be at"
              + " most "
              + max
              + " and at least 1");
    }
    return requested.intValue();
  }

  private static long parseExperimentId(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw MlflowException.invalid("Invalid experiment id '" + id + "'");
    }
  }
}
