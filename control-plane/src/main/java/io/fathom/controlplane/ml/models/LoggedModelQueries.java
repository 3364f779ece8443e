package io.fathom.controlplane.ml.models;

import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.common.filter.Filter;
import io.fathom.controlplane.common.filter.FilterField;
import io.fathom.controlplane.common.filter.FilterField.Type;
import io.fathom.controlplane.common.filter.SqlFilter;
import io.fathom.controlplane.mlflow.models.LoggedModelEntity;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** Lists and filters a project's logged models with the platform filter language. */
@Singleton
public class LoggedModelQueries {
  /** The paths clients may filter on, and their columns. */
  public static final List<FilterField> FIELDS =
      List.of(
          new FilterField("id", "id", Type.UUID),
          new FilterField("name", "name", Type.STRING),
          new FilterField("kind", "kind", Type.STRING),
          new FilterField("status", "status", Type.STRING),
          new FilterField("modelSize", "model_size", Type.INTEGER));

  /** One page of results and the total number of matches. */
  public record Result(List<LoggedModelEntity> items, long total) {}

  private final JdbcOperations jdbc;
  private final SqlFilter sqlFilter;

  public LoggedModelQueries(
      JdbcOperations jdbc, @Value("${datasources.default.dialect:H2}") String dialect) {
    this.jdbc = jdbc;
    this.sqlFilter = new SqlFilter(FIELDS, SqlFilter.Dialect.of(dialect));
  }

  @Transactional(readOnly = true)
  public Result find(UUID projectId, Filter filter, PageRequest page) {
    SqlFilter.Condition condition = sqlFilter.translate(filter);
    String where = " FROM mlflow_logged_models WHERE project_id = ? AND (" + condition.sql() + ")";
    long total =
        jdbc.prepareStatement(
            "SELECT COUNT(*)" + where,
            statement -> {
              bind(statement, projectId, condition);
              try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
              }
            });
    if (total == 0 || page.offset() >= total) {
      return new Result(List.of(), total);
    }
    List<LoggedModelEntity> items =
        jdbc.prepareStatement(
            "SELECT *" + where + " ORDER BY creation_time DESC, id LIMIT ? OFFSET ?",
            statement -> {
              int next = bind(statement, projectId, condition);
              statement.setInt(next++, page.pageSize());
              statement.setLong(next, page.offset());
              try (ResultSet rs = statement.executeQuery()) {
                return jdbc.entityStream(rs, LoggedModelEntity.class).toList();
              }
            });
    return new Result(items, total);
  }

  private static int bind(
      PreparedStatement statement, UUID projectId, SqlFilter.Condition condition)
      throws SQLException {
    int index = 1;
    statement.setObject(index++, projectId);
    for (Object parameter : condition.parameters()) {
      statement.setObject(index++, parameter);
    }
    return index;
  }
}
