package io.fathom.controlplane.ml.experiments;

import io.fathom.controlplane.common.ApiException;
import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.common.filter.Filter;
import io.fathom.controlplane.common.filter.FilterField;
import io.fathom.controlplane.common.filter.FilterField.Type;
import io.fathom.controlplane.common.filter.SqlFilter;
import io.fathom.controlplane.mlflow.tracking.RunDetails;
import io.fathom.controlplane.mlflow.tracking.RunRecord;
import io.fathom.controlplane.mlflow.tracking.RunStore;
import io.fathom.controlplane.mlflow.tracking.TrackingSql;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The platform's view of MLflow runs: an experiment's runs a page at a time, one run. */
@Singleton
public class RunViews {
  /** The paths clients may filter runs on. */
  public static final List<FilterField> FIELDS =
      List.of(
          new FilterField("remoteId", "run_uuid", Type.STRING),
          new FilterField("name", "run_name", Type.STRING),
          new FilterField("status", "status_wire", Type.STRING),
          new FilterField("createdAt", "created_at", Type.TIMESTAMP),
          new FilterField("updatedAt", "updated_at", Type.TIMESTAMP));

  /** One page and the number of matches. */
  public record Result(List<RunDetails> items, long total) {}

  private final TrackingSql sql;
  private final RunStore runs;
  private final SqlFilter sqlFilter;
  private final String source;

  public RunViews(
      TrackingSql sql, RunStore runs, @Value("${datasources.default.dialect:H2}") String dialect) {
    this.sql = sql;
    this.runs = runs;
    SqlFilter.Dialect d = SqlFilter.Dialect.of(dialect);
    this.sqlFilter = new SqlFilter(FIELDS, d);
    this.source =
        "(SELECT x.*, LOWER(x.status) AS status_wire, "
            + TimeColumns.timestamp(d, "x.start_time")
            + " AS created_at, "
            + TimeColumns.timestamp(d, "COALESCE(x.end_time, x.start_time)")
            + " AS updated_at FROM mlflow_runs x WHERE x.lifecycle_stage = 'active') r";
  }

  @Transactional(readOnly = true)
  public Result find(UUID projectId, long experimentId, Filter filter, PageRequest page) {
    SqlFilter.Condition condition = sqlFilter.translate(filter);
    String where =
        " FROM "
            + source
            + " WHERE r.project_id = ? AND r.experiment_id = ? AND ("
            + condition.sql()
            + ")";
    List<Object> params = new ArrayList<>();
    params.add(projectId);
    params.add(experimentId);
    params.addAll(condition.parameters());
    long total = sql.count("SELECT COUNT(*)" + where, params);
    if (total == 0 || page.offset() >= total) {
      return new Result(List.of(), total);
    }
    params.add(page.pageSize());
    params.add(page.offset());
    List<RunRecord> found =
        runs.list(
            "SELECT "
                + RunStore.COLUMNS
                + where
                + " ORDER BY r.start_time DESC, r.run_uuid LIMIT ? OFFSET ?",
            params);
    return new Result(runs.details(found), total);
  }

  /** An active run of the project by its platform id (the run uuid with dashes); 404 otherwise. */
  @Transactional(readOnly = true)
  public RunDetails get(UUID projectId, String id) {
    return ExperimentViews.parse(id)
        .map(uid -> uid.toString().replace("-", ""))
        .flatMap(runUuid -> runs.byId(projectId, runUuid))
        .filter(RunRecord::active)
        .map(run -> runs.details(List.of(run)).getFirst())
        .orElseThrow(() -> ApiException.notFound("run", id));
  }
}
