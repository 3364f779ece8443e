package io.fathom.controlplane.call;

import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.common.jdbc.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * JDBC for {@code calls}. The unique index on {@code (function_id, idempotency_key)} makes
 * concurrent retries with one key insert one row; status moves are compare-and-set.
 */
@Singleton
public class CallStore {
  private static final String COLUMNS =
      "id, project_id, function_id, deployment_id, schedule_id, status, mode, idempotency_key,"
          + " input_hash, input, output, error_code, error_message, timeout_seconds, cold_start,"
          + " queued_ms, start_ms, execution_ms, duration_ms, created_at, started_at, finished_at";

  /** Error messages are kept up to this many characters. */
  static final int MAX_ERROR_MESSAGE = 8000;

  private final Sql sql;

  public CallStore(Sql sql) {
    this.sql = sql;
  }

  /**
   * Inserts a call. Throws when another call already holds its idempotency key (the unique index);
   * the caller then reads that call in a new transaction.
   */
  @Transactional
  public void insert(Call c) {
    sql.update(INSERT, values(c));
  }

  /**
   * Inserts calls in one transaction and one JDBC batch ({@link CallRecorder}'s sync calls, which
   * hold no idempotency key).
   */
  @Transactional
  public void insertAll(List<Call> calls) {
    sql.batch(INSERT, calls.stream().map(CallStore::values).toList());
  }

  private static final String INSERT =
      "insert into calls ("
          + COLUMNS
          + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static Object[] values(Call c) {
    return new Object[] {
      c.id(),
      c.projectId(),
      c.functionId(),
      c.deploymentId(),
      c.scheduleId(),
      c.status().wire(),
      c.mode().wire(),
      c.idempotencyKey(),
      c.inputHash(),
      c.input(),
      c.output(),
      c.errorCode(),
      truncateError(c.errorMessage()),
      c.timeoutSeconds(),
      c.coldStart(),
      c.queuedMs(),
      c.startMs(),
      c.executionMs(),
      c.durationMs(),
      c.createdAt(),
      c.startedAt(),
      c.finishedAt()
    };
  }

  @Transactional(readOnly = true)
  public Optional<Call> find(UUID id) {
    return sql.one("select " + COLUMNS + " from calls where id = ?", CallStore::row, id);
  }

  @Transactional(readOnly = true)
  public Optional<Call> find(UUID projectId, UUID functionId, UUID id) {
    return sql.one(
        "select " + COLUMNS + " from calls where id = ? and project_id = ? and function_id = ?",
        CallStore::row,
        id,
        projectId,
        functionId);
  }

  @Transactional(readOnly = true)
  public Optional<Call> byKey(UUID functionId, String key) {
    return sql.one(
        "select " + COLUMNS + " from calls where function_id = ? and idempotency_key = ?",
        CallStore::row,
        functionId,
        key);
  }

  /** Filters of the call list: status and a created-at range, each optional. */
  public record Query(
      @Nullable CallStatus status, @Nullable Instant since, @Nullable Instant until) {}

  @Transactional(readOnly = true)
  public List<Call> page(UUID projectId, UUID functionId, Query query, PageRequest page) {
    List<Object> params = new ArrayList<>();
    String where = where(projectId, functionId, query, params);
    params.add(page.pageSize());
    params.add(page.offset());
    return sql.list(
        "select "
            + COLUMNS
            + " from calls"
            + where
            + " order by created_at desc, id limit ? offset ?",
        CallStore::row,
        params.toArray());
  }

  @Transactional(readOnly = true)
  public long count(UUID projectId, UUID functionId, Query query) {
    List<Object> params = new ArrayList<>();
    String where = where(projectId, functionId, query, params);
    return sql.count("select count(*) from calls" + where, params.toArray());
  }

  private static String where(UUID projectId, UUID functionId, Query query, List<Object> params) {
    StringBuilder where = new StringBuilder(" where project_id = ? and function_id = ?");
    params.add(projectId);
    params.add(functionId);
    if (query.status() != null) {
      where.append(" and status = ?");
      params.add(query.status().wire());
    }
    if (query.since() != null) {
      where.append(" and created_at >= ?");
      params.add(query.since());
    }
    if (query.until() != null) {
      where.append(" and created_at < ?");
      params.add(query.until());
    }
    return where.toString();
  }

  /** Oldest queued calls first. */
  @Transactional(readOnly = true)
  public List<Call> queued(int limit) {
    return sql.list(
        "select " + COLUMNS + " from calls where status = 'queued' order by created_at limit ?",
        CallStore::row,
        limit);
  }

  /** Takes a queued call for a worker; false when another took it (or it ended). */
  @Transactional
  public boolean claim(UUID id, UUID deploymentId, Instant startedAt, long queuedMs) {
    return sql.update(
            "update calls set status = 'running', deployment_id = ?, started_at = ?, queued_ms = ?"
                + " where id = ? and status = 'queued'",
            deploymentId,
            startedAt,
            queuedMs,
            id)
        == 1;
  }

  /** Ends a queued or running call; the stored input is dropped once it ran. */
  @Transactional
  public boolean finish(UUID id, CallStatus from, CallOutcome o, long durationMs, Instant at) {
    if (!from.canMoveTo(o.status())) {
      throw new IllegalStateException(
          "a " + from.wire() + " call cannot become " + o.status().wire());
    }
    return sql.update(
            "update calls set status = ?, output = ?, error_code = ?, error_message = ?,"
                + " cold_start = ?, start_ms = ?, execution_ms = ?, duration_ms = ?,"
                + " finished_at = ?, input = null where id = ? and status = ?",
            o.status().wire(),
            o.output(),
            o.errorCode(),
            truncateError(o.errorMessage()),
            o.coldStart(),
            o.startMs(),
            o.executionMs(),
            durationMs,
            at,
            id,
            from.wire())
        == 1;
  }

  static @Nullable String truncateError(@Nullable String message) {
    return Sql.truncate(message, MAX_ERROR_MESSAGE);
  }

  /** At start-up: calls that were running when the process died end {@code interrupted}. */
  @Transactional
  public int failAllRunning(String code, String message, Instant at) {
    return sql.update(
        "update calls set status = 'failed', error_code = ?, error_message = ?, finished_at = ?,"
            + " input = null where status = 'running'",
        code,
        message,
        at);
  }

  private static Call row(ResultSet rs) throws SQLException {
    return new Call(
        Sql.uuid(rs, "id"),
        Sql.uuid(rs, "project_id"),
        Sql.uuid(rs, "function_id"),
        Sql.uuid(rs, "deployment_id"),
        Sql.uuid(rs, "schedule_id"),
        CallStatus.fromWire(rs.getString("status")),
        rs.getString("mode").equals("async") ? CallMode.ASYNC : CallMode.SYNC,
        rs.getString("idempotency_key"),
        rs.getString("input_hash"),
        rs.getString("input"),
        rs.getString("output"),
        rs.getString("error_code"),
        rs.getString("error_message"),
        rs.getInt("timeout_seconds"),
        rs.getBoolean("cold_start"),
        Sql.nullableLong(rs, "queued_ms"),
        Sql.nullableLong(rs, "start_ms"),
        Sql.nullableLong(rs, "execution_ms"),
        Sql.nullableLong(rs, "duration_ms"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "started_at"),
        Sql.instant(rs, "finished_at"));
  }
}
