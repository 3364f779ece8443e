package io.fathom.controlplane.mlflow.tracking.search;

import io.fathom.controlplane.mlflow.MlflowException;
import io.fathom.controlplane.mlflow.tracking.search.SqlParts.Attribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the SQL of {@code experiments/search}: the project's experiments, a page. */
public final class ExperimentSearchSql {
  static final Map<String, Attribute> ATTRIBUTES =
      SqlParts.attributes(
          new Attribute("name", "e.name", false),
          new Attribute("experiment_id", "e.id", true),
          new Attribute("creation_time", "e.creation_time", true),
          new Attribute("last_update_time", "e.last_update_time", true));

  private ExperimentSearchSql() {}

  /** {@code select} lists the columns to read from alias {@code e}. */
  public static RunSearchSql.Query build(
      String select,
      UUID projectId,
      ViewType view,
      List<Clause> clauses,
      List<OrderBy> orderBy,
      int limit,
      long offset) {
    List<Object> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT " + select + " FROM mlflow_experiments e");
    sql.append(" WHERE e.project_id = ? AND e.lifecycle_stage IN (");
    sql.append(SqlParts.placeholders(view.stages().size())).append(')');
    params.add(projectId);
    params.addAll(view.stages());
    for (Clause c : clauses) {
      sql.append(" AND ");
      sql.append(
          switch (c.entity()) {
            case TAG ->
                SqlParts.keyValue("mlflow_experiment_tags", "e.id", "experiment_id", c, params);
            case ATTRIBUTE ->
                SqlParts.attribute(SqlParts.attribute(ATTRIBUTES, c.key()), c, params);
            default ->
                throw MlflowException.invalid(
                    "Invalid entity type '"
                        + c.entity().name().toLowerCase()
                        + "' in an experiment filter; use attributes (name, creation_time,"
                        + " last_update_time) or tags");
          });
    }
    List<String> orders = new ArrayList<>();
    for (OrderBy o : orderBy) {
      if (o.entity() != Clause.Entity.ATTRIBUTE) {
        throw MlflowException.invalid(
            "Experiments can be ordered by attributes only, not by " + o.key());
      }
      orders.add(SqlParts.order(SqlParts.attribute(ATTRIBUTES, o.key()).column(), o.ascending()));
    }
    if (orderBy.isEmpty()) {
      orders.add("e.creation_time DESC");
    }
    orders.add("e.id ASC");
    sql.append(" ORDER BY ").append(String.join(", ", orders)).append(" LIMIT ? OFFSET ?");
    params.add(limit);
    params.add(offset);
    return new RunSearchSql.Query(sql.toString(), params);
  }
}
