package io.fathom.controlplane.deploy;

import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.common.jdbc.Sql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * JDBC for {@code deployments}. Status moves are compare-and-set ({@code … where status = ?}) so a
 * rollout, an undeploy and a newer rollout never both win.
 */
@Singleton
public class DeploymentStore {
  private static final String COLUMNS =
      "id, project_id, function_id, build_id, revision_number, image, status, state,"
          + " min_instances, token_id, sealed_token, error_code, error_message, created_at, ready_at, stopped_at";

  private final Sql sql;

  public DeploymentStore(Sql sql) {
    this.sql = sql;
  }

  @Transactional
  public void insert(Deployment d) {
    sql.update(
        "insert into deployments ("
            + COLUMNS
            + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?)",
        d.id(),
        d.projectId(),
        d.functionId(),
        d.buildId(),
        d.revisionNumber(),
        d.image(),
        d.status().wire(),
        d.state() == null ? null : d.state().wire(),
        d.minInstances(),
        d.tokenId(),
        d.sealedToken(),
        d.errorCode(),
        d.errorMessage(),
        d.createdAt(),
        d.readyAt(),
        d.stoppedAt());
  }

  @Transactional(readOnly = true)
  public Optional<Deployment> find(UUID id) {
    return sql.one(
        "select " + COLUMNS + " from deployments where id = ?", DeploymentStore::row, id);
  }

  @Transactional(readOnly = true)
  public List<Deployment> page(UUID projectId, UUID functionId, PageRequest page) {
    return sql.list(
        "select "
            + COLUMNS
            + " from deployments where project_id = ? and function_id = ?"
            + " order by created_at desc, id limit ? offset ?",
        DeploymentStore::row,
        projectId,
        functionId,
        page.pageSize(),
        page.offset());
  }

  @Transactional(readOnly = true)
  public long count(UUID projectId, UUID functionId) {
    return sql.count(
        "select count(*) from deployments where project_id = ? and function_id = ?",
        projectId,
        functionId);
  }

  /** The function's deployment that takes its calls, if any. */
  @Transactional(readOnly = true)
  public Optional<Deployment> running(UUID functionId) {
    return sql.one(
        "select " + COLUMNS + " from deployments where function_id = ? and status = 'running'",
        DeploymentStore::row,
        functionId);
  }

  /** The function's deployments that are pending or running (newest first). */
  @Transactional(readOnly = true)
  public List<Deployment> live(UUID functionId) {
    return sql.list(
        "select "
            + COLUMNS
            + " from deployments where function_id = ? and status in ('pending', 'running')"
            + " order by created_at desc",
        DeploymentStore::row,
        functionId);
  }

  @Transactional(readOnly = true)
  public List<Deployment> withStatus(DeploymentStatus status) {
    return sql.list(
        "select " + COLUMNS + " from deployments where status = ?",
        DeploymentStore::row,
        status.wire());
  }

  @Transactional
  public boolean markRunning(UUID id, Instant readyAt) {
    return sql.update(
            "update deployments set status = 'running', state = 'hot', ready_at = ?"
                + " where id = ? and status = 'pending'",
            readyAt,
            id)
        == 1;
  }

  /** Moves a pending or running deployment to an ended status. */
  @Transactional
  public boolean end(
      UUID id,
      DeploymentStatus from,
      DeploymentStatus to,
      @Nullable String code,
      @Nullable String message,
      Instant at) {
    if (!from.canMoveTo(to)) {
      throw new IllegalStateException(
          "a " + from.wire() + " deployment cannot become " + to.wire());
    }
    return sql.update(
            "update deployments set status = ?, state = null, error_code = ?, error_message = ?,"
                + " stopped_at = ? where id = ? and status = ?",
            to.wire(),
            code,
            Sql.truncate(message, 8000),
            at,
            id,
            from.wire())
        == 1;
  }

  @Transactional
  public void setState(UUID id, InstanceState state) {
    sql.update(
        "update deployments set state = ? where id = ? and status = 'running'", state.wire(), id);
  }

  @Transactional
  public void setToken(UUID id, UUID tokenId, String sealedToken) {
    sql.update(
        "update deployments set token_id = ?, sealed_token = ? where id = ?",
        tokenId,
        sealedToken,
        id);
  }

  private static Deployment row(ResultSet rs) throws SQLException {
    String state = rs.getString("state");
    return new Deployment(
        Sql.uuid(rs, "id"),
        Sql.uuid(rs, "project_id"),
        Sql.uuid(rs, "function_id"),
        Sql.uuid(rs, "build_id"),
        rs.getInt("revision_number"),
        rs.getString("image"),
        DeploymentStatus.fromWire(rs.getString("status")),
        state == null ? null : InstanceState.fromWire(state),
        rs.getInt("min_instances"),
        Sql.uuid(rs, "token_id"),
        rs.getString("sealed_token"),
        rs.getString("error_code"),
        rs.getString("error_message"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "ready_at"),
        Sql.instant(rs, "stopped_at"));
  }
}
