package io.fathom.controlplane.mlflow.registry;

import io.fathom.controlplane.mlflow.MlflowException;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Resolves a model version's source to where its files are, checking that the run or logged model
 * it names exists in the project (404 otherwise, as MLflow).
 */
@Singleton
class ArtifactLocations {
  private final Sql sql;

  ArtifactLocations(Sql sql) {
    this.sql = sql;
  }

  /** The run's artifact root; 404 when the project has no such run. */
  String runArtifacts(UUID projectId, String runId) {
    return sql.one(
            "SELECT artifact_uri FROM mlflow_runs WHERE project_id = ? AND run_uuid = ?",
            rs -> rs.getString(1),
            projectId,
            runId)
        .orElseThrow(() -> MlflowException.notFound("Run with id=" + runId + " not found"));
  }

  /** Where {@code source}'s files are: the run's or logged model's artifacts, or the URI itself. */
  String storageLocation(UUID projectId, ModelSource source) {
    return switch (source.kind()) {
      case RUN -> source.under(runArtifacts(projectId, source.runId()));
      case LOGGED_MODEL -> source.under(loggedModelArtifacts(projectId, source.modelId()));
      case ARTIFACTS -> source.uri();
    };
  }

  private String loggedModelArtifacts(UUID projectId, String modelId) {
    return sql.one(
            "SELECT artifact_location FROM mlflow_logged_models"
                + " WHERE project_id = ? AND model_id = ?",
            rs -> rs.getString(1),
            projectId,
            modelId)
        .orElseThrow(
            () -> MlflowException.notFound("Logged model with id=" + modelId + " not found"));
  }
}
