package io.fathom.controlplane.ml.experiments;

import io.fathom.controlplane.common.ApiException;
import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.common.filter.Filter;
import io.fathom.controlplane.common.filter.FilterField;
import io.fathom.controlplane.common.filter.FilterField.Type;
import io.fathom.controlplane.common.filter.SqlFilter;
import io.fathom.controlplane.mlflow.tracking.ExperimentRecord;
import io.fathom.controlplane.mlflow.tracking.ExperimentStore;
import io.fathom.controlplane.mlflow.tracking.TrackingSql;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The platform's view of a project's MLflow experiments: pages, the filter language, one. */
@Singleton
public class ExperimentViews {
  /** The paths clients may filter experiments on. */
  public static final List<FilterField> FIELDS =
      List.of(
          new FilterField("id", "uid", Type.UUID),
          new FilterField("remoteId", "remote_id", Type.STRING),
          new FilterField("name", "name", Type.STRING),
          new FilterField("createdAt", "created_at", Type.TIMESTAMP),
          new FilterField("updatedAt", "updated_at", Type.TIMESTAMP));

  /** One page and the number of matches. */
  public record Result(List<ExperimentRecord> items, long total) {}

  private final TrackingSql sql;
  private final ExperimentStore store;
  private final SqlFilter sqlFilter;
  private final String source;

  public ExperimentViews(
      TrackingSql sql,
      ExperimentStore store,
      @Value("${datasources.default.dialect:H2}") String dialect) {
    this.sql = sql;
    this.store = store;
    SqlFilter.Dialect d = SqlFilter.Dialect.of(dialect);
    this.sqlFilter = new SqlFilter(FIELDS, d);
    this.source =
        "(SELECT x.*, CAST(x.id AS VARCHAR(20)) AS remote_id, "
            + TimeColumns.timestamp(d, "x.creation_time")
            + " AS created_at, "
            + TimeColumns.timestamp(d, "x.last_update_time")
            + " AS updated_at FROM mlflow_experiments x WHERE x.lifecycle_stage = 'active') e";
  }

  @Transactional(readOnly = true)
  public Result find(UUID projectId, Filter filter, PageRequest page) {
    SqlFilter.Condition condition = sqlFilter.translate(filter);
    String where = " FROM " + source + " WHERE e.project_id = ? AND (" + condition.sql() + ")";
    List<Object> params = new ArrayList<>();
    params.add(projectId);
    params.addAll(condition.parameters());
    long total = sql.count("SELECT COUNT(*)" + where, params);
    if (total == 0 || page.offset() >= total) {
      return new Result(List.of(), total);
    }
    params.add(page.pageSize());
    params.add(page.offset());
    List<ExperimentRecord> items =
        store.list(
            "SELECT e.id, e.uid, e.project_id, e.name, e.artifact_location, e.lifecycle_stage,"
                + " e.creation_time, e.last_update_time"
                + where
                + " ORDER BY e.creation_time, e.id LIMIT ? OFFSET ?",
            params);
    return new Result(items, total);
  }

  /** An active experiment of the project by its platform id; 404 otherwise. */
  @Transactional(readOnly = true)
  public ExperimentRecord get(UUID projectId, String id) {
    return parse(id)
        .flatMap(uid -> store.byUid(projectId, uid))
        .filter(ExperimentRecord::active)
        .orElseThrow(() -> ApiException.notFound("experiment", id));
  }

  /** Metric and parameter keys used by the experiment's active runs. */
  @Transactional(readOnly = true)
  public List<String> keys(long experimentId, String table) {
    return sql.list(
        "SELECT DISTINCT k.\"key\" FROM "
            + (table.equals("metrics") ? "mlflow_latest_metrics" : "mlflow_params")
            + " k JOIN mlflow_runs r ON r.run_uuid = k.run_uuid WHERE r.experiment_id = ? AND"
            + " r.lifecycle_stage = 'active' ORDER BY k.\"key\"",
        rs -> rs.getString(1),
        experimentId);
  }

  static Optional<UUID> parse(String id) {
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
