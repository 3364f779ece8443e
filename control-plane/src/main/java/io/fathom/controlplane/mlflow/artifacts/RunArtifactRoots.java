package io.fathom.controlplane.mlflow.artifacts;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.UUID;

/** The artifact URI of a run of a project (table {@code mlflow_runs}, owned by tracking). */
@Singleton
public class RunArtifactRoots {
  private final JdbcOperations jdbc;

  public RunArtifactRoots(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional(readOnly = true)
  public Optional<String> artifactUri(UUID projectId, String runId) {
    return jdbc.prepareStatement(
        "SELECT artifact_uri FROM mlflow_runs WHERE run_uuid = ? AND project_id = ?",
        statement -> {
          statement.setString(1, runId);
          statement.setObject(2, projectId);
          try (ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
          }
        });
  }
}
