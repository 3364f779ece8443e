package io.fathom.controlplane.common.jdbc;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Plain JDBC with bound parameters for the stores that need compare-and-set updates and hand-made
 * queries. Runs inside the caller's transaction when there is one (the connection comes from {@link
 * JdbcOperations}); {@link Instant}s are bound as UTC {@link OffsetDateTime}s.
 */
@Singleton
public class Sql {
  private final JdbcOperations jdbc;

  public Sql(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  public <T> Optional<T> one(String sql, Row<T> row, Object... params) {
    List<T> rows = list(sql, row, params);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
  }

  public <T> List<T> list(String sql, Row<T> row, Object... params) {
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

  public long count(String sql, Object... params) {
    return one(sql, rs -> rs.getLong(1), params).orElse(0L);
  }

  /** Runs an insert, update or delete; returns the rows changed. */
  public int update(String sql, Object... params) {
    return jdbc.prepareStatement(
        sql,
        statement -> {
          bind(statement, params);
          return statement.executeUpdate();
        });
  }

  /**
   * Runs one insert or update once per parameter row as a JDBC batch (one round trip per batch on
   * drivers that support it); returns the rows changed per parameter row.
   */
  public int[] batch(String sql, List<Object[]> rows) {
    return jdbc.prepareStatement(
        sql,
        statement -> {
          for (Object[] params : rows) {
            bind(statement, params);
            statement.addBatch();
          }
          return statement.executeBatch();
        });
  }

  private static void bind(PreparedStatement statement, Object[] params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object value = params[i];
      statement.setObject(i + 1, value instanceof Instant t ? time(t) : value);
    }
  }

  public static @Nullable OffsetDateTime time(@Nullable Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  public static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  public static @Nullable UUID uuid(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }

  public static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  public static @Nullable String truncate(@Nullable String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
