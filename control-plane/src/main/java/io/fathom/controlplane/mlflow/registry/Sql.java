package io.fathom.controlplane.mlflow.registry;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain SQL with bound parameters, each call in the current transaction (or its own when there is
 * none).
 */
@Singleton
@Transactional
class Sql {
  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final JdbcOperations jdbc;

  Sql(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  public int update(String sql, Object... parameters) {
    return jdbc.prepareStatement(
        sql,
        statement -> {
          bind(statement, parameters);
          return statement.executeUpdate();
        });
  }

  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
    return jdbc.prepareStatement(
        sql,
        statement -> {
          bind(statement, parameters);
          List<T> rows = new ArrayList<>();
          try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
              rows.add(mapper.map(rs));
            }
          }
          return rows;
        });
  }

  public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... parameters) {
    return query(sql, mapper, parameters).stream().findFirst();
  }

  public boolean exists(String sql, Object... parameters) {
    return one(sql, rs -> Boolean.TRUE, parameters).isPresent();
  }

  private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
  }
}
