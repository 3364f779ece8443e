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

/**
 * JDBC for stored instance output, per {@link Owner}: {@code function_logs} (a function's
 * instances) and {@code model_logs} (a model deployment's model servers). Append, read forward from
 * an id, trim to the retention.
 */
@Singleton
public class LogStore {
  public static final int MAX_LINE = 8000;

  /** Whose output a line is: the table and the owner's column. */
  public enum Owner {
    FUNCTION("function_logs", "function_id"),
    MODEL_DEPLOYMENT("model_logs", "ml_deployment_id");

    private final String table;
    private final String column;

    Owner(String table, String column) {
      this.table = table;
      this.column = column;
    }
  }

  private final Sql sql;

  public LogStore(Sql sql) {
    this.sql = sql;
  }

  /** Inserts the lines in one transaction and one JDBC batch. */
  @Transactional
  public void append(Owner owner, UUID projectId, List<LogEntry> entries) {
    sql.batch(
        "insert into "
            + owner.table
            + " (project_id, "
            + owner.column
            + ", deployment_id, call_id, ts, stream, line) values (?, ?, ?, ?, ?, ?, ?)",
        entries.stream()
            .map(
                e ->
                    new Object[] {
                      projectId,
                      e.ownerId(),
                      e.deploymentId(),
                      e.callId(),
                      e.ts(),
                      e.stream(),
                      Sql.truncate(e.line(), MAX_LINE)
                    })
            .toList());
  }

  /** The lines of one owner in one project after {@code afterId}, optionally of a call or since. */
  public record Query(
      Owner owner,
      UUID projectId,
      UUID ownerId,
      long afterId,
      @Nullable UUID callId,
      @Nullable Instant since) {
    /** The same query, after another id. */
    public Query after(long id) {
      return new Query(owner, projectId, ownerId, id, callId, since);
    }
  }

  @Transactional(readOnly = true)
  public List<LogEntry> read(Query q, int limit) {
    List<Object> params = new ArrayList<>();
    String where = where(q, params);
    params.add(limit);
    return sql.list(
        "select id, "
            + q.owner().column
            + " as owner_id, deployment_id, call_id, ts, stream, line from "
            + q.owner().table
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
            "select id from " + q.owner().table + where + " order by id desc limit 1 offset ?",
            rs -> rs.getLong(1),
            params.toArray())
        .orElse(0L);
  }

  /** Keeps the newest {@code keep} lines of each owner; returns the lines removed. */
  @Transactional
  public int trim(Owner owner, int keep) {
    int removed = 0;
    for (UUID id :
        sql.list(
            "select "
                + owner.column
                + " from "
                + owner.table
                + " group by "
                + owner.column
                + " having count(*) > ?",
            rs -> rs.getObject(1, UUID.class),
            keep)) {
      long cutoff =
          sql.one(
                  "select id from "
                      + owner.table
                      + " where "
                      + owner.column
                      + " = ? order by id desc limit 1 offset ?",
                  rs -> rs.getLong(1),
                  id,
                  keep)
              .orElse(0L);
      removed +=
          sql.update(
              "delete from " + owner.table + " where " + owner.column + " = ? and id <= ?",
              id,
              cutoff);
    }
    return removed;
  }

  private static String where(Query q, List<Object> params) {
    StringBuilder where =
        new StringBuilder(" where project_id = ? and " + q.owner().column + " = ? and id > ?");
    params.add(q.projectId());
    params.add(q.ownerId());
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
        Sql.uuid(rs, "owner_id"),
        Sql.uuid(rs, "deployment_id"),
        Sql.uuid(rs, "call_id"),
        Sql.instant(rs, "ts"),
        rs.getString("stream"),
        rs.getString("line"));
  }
}
