package io.fathom.controlplane.mlflow.tracking.search;

import io.fathom.controlplane.mlflow.MlflowException;
import io.fathom.controlplane.mlflow.tracking.RunStore;
import io.fathom.controlplane.mlflow.tracking.search.SqlParts.Attribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the SQL of {@code runs/search}: the project's runs of some experiments, a page. */
public final class RunSearchSql {
  static final Map<String, Attribute> ATTRIBUTES =
      SqlParts.attributes(
          new Attribute("run_id", "r.run_uuid", false),
          new Attribute("run_name", "r.run_name", false),
          new Attribute("status", "r.status", false),
          new Attribute("user_id", "r.user_id", false),
          new Attribute("artifact_uri", "r.artifact_uri", false),
          new Attribute("experiment_id", "r.experiment_id", true),
          new Attribute("start_time", "r.start_time", true),
          new Attribute("end_time", "r.end_time", true),
          new Attribute("created", "r.start_time", true),
          new Attribute("Created", "r.start_time", true));
  private static final Map<String, String> DATASET_COLUMNS =
      Map.of("name", "name", "digest", "digest");

  /** SQL text and its parameters in order. */
  public record Query(String sql, List<Object> params) {}

  private RunSearchSql() {}

  public static Query build(
      UUID projectId,
      List<Long> experimentIds,
      ViewType view,
      List<Clause> clauses,
      List<OrderBy> orderBy,
      int limit,
      long offset) {
    List<Object> joinParams = new ArrayList<>();
    StringBuilder joins = new StringBuilder();
    List<String> orders = new ArrayList<>();
    for (int i = 0; i < orderBy.size(); i++) {
      OrderBy o = orderBy.get(i);
      String alias = "o" + i;
      String table =
          switch (o.entity()) {
            case METRIC -> "mlflow_latest_metrics";
            case PARAM -> "mlflow_params";
            case TAG -> "mlflow_run_tags";
            case ATTRIBUTE -> null;
            case DATASET -> throw MlflowException.invalid("Cannot order by datasets");
          };
      if (table == null) {
        orders.add(SqlParts.order(SqlParts.attribute(ATTRIBUTES, o.key()).column(), o.ascending()));
      } else {
        joins.append(" LEFT JOIN ").append(table).append(' ').append(alias);
        joins.append(" ON ").append(alias).append(".run_uuid = r.run_uuid AND ");
        joins.append(alias).append(".\"key\" = ?");
        joinParams.add(o.key());
        orders.add(SqlParts.order(alias + ".\"value\"", o.ascending()));
      }
    }
    if (orderBy.isEmpty()) {
      orders.add("r.start_time DESC");
    }
    orders.add("r.run_uuid ASC");

    List<Object> params = new ArrayList<>(joinParams);
    StringBuilder where = new StringBuilder(" WHERE r.project_id = ?");
    params.add(projectId);
    if (!experimentIds.isEmpty()) {
      where.append(" AND r.experiment_id IN (").append(SqlParts.placeholders(experimentIds.size()));
      where.append(')');
      params.addAll(experimentIds);
    }
    where.append(" AND r.lifecycle_stage IN (").append(SqlParts.placeholders(view.stages().size()));
    where.append(')');
    params.addAll(view.stages());
    for (Clause c : clauses) {
      where.append(" AND ").append(condition(c, params));
    }
    String sql =
        "SELECT "
            + RunStore.COLUMNS
            + " FROM mlflow_runs r"
            + joins
            + where
            + " ORDER BY "
            + String.join(", ", orders)
            + " LIMIT ? OFFSET ?";
    params.add(limit);
    params.add(offset);
    return new Query(sql, params);
  }

  private static String condition(Clause c, List<Object> params) {
    return switch (c.entity()) {
      case METRIC -> {
        params.add(c.key());
        params.add(c.value());
        yield "EXISTS (SELECT 1 FROM mlflow_latest_metrics m WHERE m.run_uuid = r.run_uuid AND"
            + " m.\"key\" = ? AND m.\"value\" "
            + SqlParts.sqlOperator(c.operator())
            + " ?)";
      }
      case PARAM -> SqlParts.keyValue("mlflow_params", "r.run_uuid", "run_uuid", c, params);
      case TAG -> SqlParts.keyValue("mlflow_run_tags", "r.run_uuid", "run_uuid", c, params);
      case ATTRIBUTE -> SqlParts.attribute(SqlParts.attribute(ATTRIBUTES, c.key()), c, params);
      case DATASET -> {
        String column = DATASET_COLUMNS.get(c.key());
        if (column == null || c.operator().endsWith("NULL")) {
          throw MlflowException.invalid(
              "Invalid dataset key '" + c.key() + "'. Valid dataset keys are name and digest");
        }
        yield "EXISTS (SELECT 1 FROM mlflow_run_inputs d WHERE d.run_uuid = r.run_uuid AND "
            + SqlParts.text("d." + column, c, params)
            + ")";
      }
    };
  }
}
