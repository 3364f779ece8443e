package io.fathom.controlplane.logs;

import io.fathom.controlplane.common.jdbc.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** JDBC for {@code function_logs}: append, read forward from an id, trim to the retention. */
@Singleton
public class LogStore {
  public static final int MAX_LINE = 8000;

  private final Sql sql;

  public LogStore(Sql sql) {
    this.sql = sql;
  }

  /** Inserts the lines in one transaction and one JDBC batch. */
  @Transactional
  public void append(UUID projectId, List<LogEntry> entries) {
    sql.batch(
        "insert into function_logs (project_id, function_id, deployment_id, call_id, ts, stream,"
            + " line) values (?, ?, ?, ?, ?, ?, ?)",
        entries.stream()
            .map(
                e ->
                    new Object[] {
                      projectId,
                      e.functionId(),
                      e.deploymentId(),
                      e.callId(),
                      e.ts(),
                      e.stream(),
                      Sql.truncate(e.line(), MAX_LINE)
                    })
            .toList());
  }

  public record Query(
      UUID projectId,
      UUID functionId,
      long afterId,
      @Nullable UUID callId,
      @Nullable Instant since) {}

  @Transactional(readOnly = true)
  public List<LogEntry> read(Query q, int limit) {
    List<Object> params = new ArrayList<>();
    String where = where(q, params);
    params.add(limit);
    return sql.list(
        "select id, function_id, deployment_id, call_id, ts, stream, line from function_logs"
            + where
            + " order by id limit ?",
        LogStore::row,
        params.toArray());
  }

  /** The id before the last {@code lines} lines that match (for {@code tail}). */
  @Transactional(readOnly = true)
  public long idBeforeLast(Query q, int lines) {
    List<Object> params = new ArrayList<>();
    String where = where(q, params);
    params.add(lines);
    return sql.one(
            "select id from function_logs" + where + " order by id desc limit 1 offset ?",
            rs -> rs.getLong(1),
            params.toArray())
        .orElse(0L);
  }

  /** Keeps the newest {@code keep} lines of each function; returns the lines removed. */
  @Transactional
  public int trim(int keep) {
    int removed = 0;
    for (UUID function :
        sql.list(
            "select function_id from function_logs group by function_id having count(*) > ?",
            rs -> rs.getObject(1, UUID.class),
            keep)) {
      long cutoff =
          sql.one(
                  "select id from function_logs where function_id = ? order by id desc limit 1"
                      + " offset ?",
                  rs -> rs.getLong(1),
                  function,
                  keep)
              .orElse(0L);
      removed +=
          sql.update(
              "delete from function_logs where function_id = ? and id <= ?", function, cutoff);
    }
    return removed;
  }

  private static String where(Query q, List<Object> params) {
    StringBuilder where = new StringBuilder(" where project_id = ? and function_id = ? and id > ?");
    params.add(q.projectId());
    params.add(q.functionId());
    params.add(q.afterId());
    if (q.callId() != null) {
      where.append(" and call_id = ?");
      params.add(q.callId());
    }
    if (q.since() != null) {
      where.append(" and ts >= ?");
      params.add(q.since());
    }
    return where.toString();
  }

  private static LogEntry row(ResultSet rs) throws SQLException {
    return new LogEntry(
        rs.getLong("id"),
        Sql.uuid(rs, "function_id"),
        Sql.uuid(rs, "deployment_id"),
        Sql.uuid(rs, "call_id"),
        Sql.instant(rs, "ts"),
        rs.getString("stream"),
        rs.getString("line"));
  }
}
