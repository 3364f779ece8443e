package io.fathom.controlplane.common.filter;

import io.fathom.controlplane.common.PageRequest;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * One page of a project's rows of a table, filtered with the platform filter language: a count and
 * a page query, both restricted to the project and with every value bound. The table, order and
 * columns are fixed by the caller, never taken from a request.
 *
 * @param <E> the mapped entity of the table
 */
public final class ProjectPageQuery<E> {
  /** One page of results and the total number of matches. */
  public record Result<E>(List<E> items, long total) {}

  private final JdbcOperations jdbc;
  private final SqlFilter sqlFilter;
  private final String table;
  private final String orderBy;
  private final Class<E> entity;

  public ProjectPageQuery(
      JdbcOperations jdbc,
      List<FilterField> fields,
      SqlFilter.Dialect dialect,
      String table,
      String orderBy,
      Class<E> entity) {
    if (!table.matches("[a-z_]+") || !orderBy.matches("[a-z_, ]+( DESC| ASC)?[a-z_, ]*")) {
      throw new IllegalArgumentException("table and order are plain identifiers: " + table);
    }
    this.jdbc = jdbc;
    this.sqlFilter = new SqlFilter(fields, dialect);
    this.table = table;
    this.orderBy = orderBy;
    this.entity = entity;
  }

  /** Call inside a (read-only) transaction. */
  public Result<E> find(UUID projectId, Filter filter, PageRequest page) {
    SqlFilter.Condition condition = sqlFilter.translate(filter);
    String where = " FROM " + table + " WHERE project_id = ? AND (" + condition.sql() + ")";
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
      return new Result<>(List.of(), total);
    }
    List<E> items =
        jdbc.prepareStatement(
            "SELECT *" + where + " ORDER BY " + orderBy + " LIMIT ? OFFSET ?",
            statement -> {
              int next = bind(statement, projectId, condition);
              statement.setInt(next++, page.pageSize());
              statement.setLong(next, page.offset());
              try (ResultSet rs = statement.executeQuery()) {
                return jdbc.entityStream(rs, entity).toList();
              }
            });
    return new Result<>(items, total);
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
