package io.fathom.controlplane.schedule;

import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.common.jdbc.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** JDBC for {@code schedules}; advancing a firing is compare-and-set on the old time. */
@Singleton
public class ScheduleStore {
  private static final String COLUMNS =
      "id, project_id, function_id, cron, timezone, input, next_fire_at, created_at";

  private final Sql sql;

  public ScheduleStore(Sql sql) {
    this.sql = sql;
  }

  @Transactional
  public void insert(Schedule s) {
    sql.update(
        "insert into schedules (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)",
        s.id(),
        s.projectId(),
        s.functionId(),
        s.cron(),
        s.timezone(),
        s.input(),
        s.nextFireAt(),
        s.createdAt());
  }

  @Transactional(readOnly = true)
  public List<Schedule> page(UUID projectId, UUID functionId, PageRequest page) {
    return sql.list(
        "select "
            + COLUMNS
            + " from schedules where project_id = ? and function_id = ?"
            + " order by created_at, id limit ? offset ?",
        ScheduleStore::row,
        projectId,
        functionId,
        page.pageSize(),
        page.offset());
  }

  @Transactional(readOnly = true)
  public long count(UUID projectId, UUID functionId) {
    return sql.count(
        "select count(*) from schedules where project_id = ? and function_id = ?",
        projectId,
        functionId);
  }

  @Transactional
  public boolean delete(UUID projectId, UUID functionId, UUID id) {
    return sql.update(
            "delete from schedules where id = ? and project_id = ? and function_id = ?",
            id,
            projectId,
            functionId)
        == 1;
  }

  @Transactional(readOnly = true)
  public List<Schedule> due(Instant now, int limit) {
    return sql.list(
        "select "
            + COLUMNS
            + " from schedules where next_fire_at <= ? order by next_fire_at limit ?",
        ScheduleStore::row,
        now,
        limit);
  }

  @Transactional
  public boolean advance(UUID id, Instant from, Instant to) {
    return sql.update(
            "update schedules set next_fire_at = ? where id = ? and next_fire_at = ?", to, id, from)
        == 1;
  }

  private static Schedule row(ResultSet rs) throws SQLException {
    return new Schedule(
        Sql.uuid(rs, "id"),
        Sql.uuid(rs, "project_id"),
        Sql.uuid(rs, "function_id"),
        rs.getString("cron"),
        rs.getString("timezone"),
        rs.getString("input"),
        Sql.instant(rs, "next_fire_at"),
        Sql.instant(rs, "created_at"));
  }
}
