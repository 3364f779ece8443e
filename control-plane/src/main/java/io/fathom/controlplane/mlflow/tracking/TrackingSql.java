package io.fathom.controlplane.mlflow.tracking;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Plain JDBC for the tracking tables: SQL text from this package only, every value bound. Callers
 * run inside a transaction ({@code @Transactional} on the service method).
 */
@Singleton
public class TrackingSql {
  /** Reads one row. */
  @FunctionalInterface
  public interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final JdbcOperations jdbc;

  public TrackingSql(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  public int update(String sql, Object... params) {
    return jdbc.prepareStatement(
        sql,
        statement -> {
          bind(statement, Arrays.asList(params));
          return statement.executeUpdate();
        });
  }

  /** Runs one statement for many parameter rows as a single JDBC batch. */
  public void batch(String sql, List<List<?>> rows) {
    if (rows.isEmpty()) {
      return;
    }
    jdbc.prepareStatement(
        sql,
        statement -> {
          for (List<?> row : rows) {
            bind(statement, row);
            statement.addBatch();
          }
          return statement.executeBatch();
        });
  }

  public <T> List<T> list(String sql, Row<T> row, List<?> params) {
    return jdbc.prepareStatement(
        sql,
        statement -> {
          bind(statement, params);
          List<T> out = new ArrayList<>();
          try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
              out.add(row.map(rs));
            }
          }
          return out;
        });
  }

  public <T> List<T> list(String sql, Row<T> row, Object... params) {
    return list(sql, row, Arrays.asList(params));
  }

  public <T> Optional<T> one(String sql, Row<T> row, Object... params) {
    List<T> rows = list(sql, row, params);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
  }

  public long count(String sql, List<?> params) {
    return list(sql, rs -> rs.getLong(1), params).getFirst();
  }

  public long nextExperimentId() {
    return list("SELECT nextval('mlflow_experiment_seq')", rs -> rs.getLong(1)).getFirst();
  }

  private static void bind(PreparedStatement statement, List<?> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      statement.setObject(i + 1, params.get(i));
    }
  }

  /** {@code ?, ?, ?} for an IN list of {@code n} values. */
  public static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  /** A nullable long column. */
  public static Long longOrNull(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }
}
