package io.fathom.controlplane.build;

import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.common.jdbc.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Plain JDBC for {@code builds} and {@code build_logs}. Status changes are compare-and-set ({@code
 * … where status = ?}), so a worker and a cancel never both win.
 */
@Singleton
public class BuildStore {
  private static final String COLUMNS =
      "id, project_id, function_id, revision_number, revision_digest, auto_deploy, status,"
          + " error_code, error_message, image_reference, image_digest, image_id, layers,"
          + " durations, config_key, created_at, started_at, finished_at, deployment_id";

  private final Sql sql;

  public BuildStore(Sql sql) {
    this.sql = sql;
  }

  /** The image a succeeded build produced. */
  public record Image(
      String reference, String digest, String imageId, String layersJson, String durationsJson) {}

  @Transactional
  public void insert(Build b) {
    update(
        "insert into builds ("
            + COLUMNS
            + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?)",
        b.id(),
        b.projectId(),
        b.functionId(),
        b.revisionNumber(),
        b.revisionDigest(),
        b.autoDeploy(),
        b.status().wire(),
        b.errorCode(),
        b.errorMessage(),
        b.imageReference(),
        b.imageDigest(),
        b.imageId(),
        b.layersJson(),
        b.durationsJson(),
        b.configKey(),
        time(b.createdAt()),
        time(b.startedAt()),
        time(b.finishedAt()),
        b.deploymentId());
  }

  @Transactional(readOnly = true)
  public Optional<Build> find(UUID id) {
    return one("select " + COLUMNS + " from builds where id = ?", id);
  }

  @Transactional(readOnly = true)
  public Optional<Build> find(UUID projectId, UUID functionId, UUID id) {
    return one(
        "select " + COLUMNS + " from builds where id = ? and project_id = ? and function_id = ?",
        id,
        projectId,
        functionId);
  }

  /** A page of the project's builds, newest first, optionally of one function. */
  @Transactional(readOnly = true)
  public List<Build> page(UUID projectId, @Nullable UUID functionId, PageRequest page) {
    String where = functionId == null ? "project_id = ?" : "project_id = ? and function_id = ?";
    List<Object> params = new ArrayList<>(List.of(projectId));
    if (functionId != null) {
      params.add(functionId);
    }
    params.add(page.pageSize());
    params.add(page.offset());
    return list(
        "select "
            + COLUMNS
            + " from builds where "
            + where
            + " order by created_at desc, id desc limit ? offset ?",
        BuildStore::build,
        params.toArray());
  }

  @Transactional(readOnly = true)
  public long count(UUID projectId, @Nullable UUID functionId) {
    return functionId == null
        ? list("select count(*) from builds where project_id = ?", rs -> rs.getLong(1), projectId)
            .getFirst()
        : list(
                "select count(*) from builds where project_id = ? and function_id = ?",
                rs -> rs.getLong(1),
                projectId,
                functionId)
            .getFirst();
  }

  /** Ids of queued builds, oldest first. */
  @Transactional(readOnly = true)
  public List<UUID> queued(int limit) {
    return list(
        "select id from builds where status = ? order by created_at, id limit ?",
        rs -> rs.getObject(1, UUID.class),
        BuildStatus.QUEUED.wire(),
        limit);
  }

  /** Moves a queued build to running; false when another worker (or a cancel) was first. */
  @Transactional
  public boolean claim(UUID id, Instant now) {
    return update(
            "update builds set status = ?, started_at = ? where id = ? and status = ?",
            BuildStatus.RUNNING.wire(),
            time(now),
            id,
            BuildStatus.QUEUED.wire())
        == 1;
  }

  /** Moves a build from {@code from} to a finished status; false when it was no longer there. */
  @Transactional
  public boolean finish(
      UUID id,
      BuildStatus from,
      BuildStatus to,
      @Nullable String errorCode,
      @Nullable String errorMessage,
      @Nullable Image image,
      Instant now) {
    from.moveTo(to);
    return update(
            "update builds set status = ?, error_code = ?, error_message = ?,"
                + " image_reference = ?, image_digest = ?, image_id = ?, layers = ?,"
                + " durations = ?, finished_at = ? where id = ? and status = ?",
            to.wire(),
            errorCode,
            truncate(errorMessage, 4000),
            image == null ? null : image.reference(),
            image == null ? null : image.digest(),
            image == null ? null : image.imageId(),
            image == null ? null : image.layersJson(),
            image == null ? null : image.durationsJson(),
            time(now),
            id,
            from.wire())
        == 1;
  }

  /**
   * Fails every build left {@code running} by a process that died; returns their ids. Only called
   * at start, before this process runs any build.
   */
  @Transactional
  public List<UUID> failAllRunning(String code, String message, Instant now) {
    List<UUID> ids =
        list(
            "select id from builds where status = ?",
            rs -> rs.getObject(1, UUID.class),
            BuildStatus.RUNNING.wire());
    for (UUID id : ids) {
      finish(id, BuildStatus.RUNNING, BuildStatus.FAILED, code, message, null, now);
    }
    return ids;
  }

  /** The newest succeeded build of the function with this configuration. */
  @Transactional(readOnly = true)
  public Optional<Build> succeededWithKey(UUID functionId, String configKey) {
    return one(
        "select "
            + COLUMNS
            + " from builds where function_id = ? and config_key = ? and status = ?"
            + " order by finished_at desc limit 1",
        functionId,
        configKey,
        BuildStatus.SUCCEEDED.wire());
  }

  @Transactional
  public void appendLog(UUID buildId, BuildLogLine line) {
    update(
        "insert into build_logs (build_id, seq, ts, stream, line) values (?, ?, ?, ?, ?)",
        buildId,
        line.seq(),
        time(line.ts()),
        line.stream(),
        truncate(line.line(), BuildLogLine.MAX_CHARS));
  }

  /** The lines after {@code afterSeq}, in order, at most {@code limit}. */
  @Transactional(readOnly = true)
  public List<BuildLogLine> logs(UUID buildId, int afterSeq, int limit) {
    return list(
        "select seq, ts, stream, line from build_logs where build_id = ? and seq > ?"
            + " order by seq limit ?",
        rs ->
            new BuildLogLine(
                rs.getInt(1),
                rs.getObject(2, OffsetDateTime.class).toInstant(),
                rs.getString(3),
                rs.getString(4)),
        buildId,
        afterSeq,
        limit);
  }

  @Transactional(readOnly = true)
  public int lastSeq(UUID buildId) {
    return list(
            "select coalesce(max(seq), 0) from build_logs where build_id = ?",
            rs -> rs.getInt(1),
            buildId)
        .getFirst();
  }

  private static Build build(ResultSet rs) throws SQLException {
    return new Build(
        rs.getObject("id", UUID.class),
        rs.getObject("project_id", UUID.class),
        rs.getObject("function_id", UUID.class),
        rs.getInt("revision_number"),
        rs.getString("revision_digest"),
        rs.getBoolean("auto_deploy"),
        BuildStatus.fromWire(rs.getString("status")),
        rs.getString("error_code"),
        rs.getString("error_message"),
        rs.getString("image_reference"),
        rs.getString("image_digest"),
        rs.getString("image_id"),
        rs.getString("layers"),
        rs.getString("durations"),
        rs.getString("config_key"),
        instant(rs, "created_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        rs.getObject("deployment_id", UUID.class));
  }

  /** Records the deployment an auto-deploy build made. */
  @Transactional
  public void setDeployment(UUID buildId, UUID deploymentId) {
    update("update builds set deployment_id = ? where id = ?", deploymentId, buildId);
  }

  private Optional<Build> one(String query, Object... params) {
    return sql.one(query, BuildStore::build, params);
  }

  private <T> List<T> list(String query, Sql.Row<T> row, Object... params) {
    return sql.list(query, row, params);
  }

  private int update(String query, Object... params) {
    return sql.update(query, params);
  }

  private static @Nullable OffsetDateTime time(@Nullable Instant instant) {
    return Sql.time(instant);
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    return Sql.instant(rs, column);
  }

  private static @Nullable String truncate(@Nullable String text, int max) {
    return Sql.truncate(text, max);
  }
}
