package io.fathom.controlplane.mlflow.models;

import io.fathom.controlplane.mlflow.artifacts.ArtifactPath;
import io.fathom.controlplane.mlflow.artifacts.ArtifactUris;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/**
 * A logged model row. {@code artifactLocation} is the {@code mlflow-artifacts:} URI of its files;
 * {@code flavors}, {@code schemaInput}, {@code schemaOutput} and {@code inputExample} are JSON text
 * read from its MLmodel when it was finalized. {@code status} and {@code kind} hold wire names.
 */
@MappedEntity("mlflow_logged_models")
public record LoggedModelEntity(
    @Id UUID id,
    String modelId,
    UUID projectId,
    long experimentId,
    String name,
    @Nullable String sourceRunId,
    @Nullable String modelType,
    String artifactLocation,
    String status,
    @Nullable String statusMessage,
    String kind,
    @Nullable String flavors,
    @Nullable String schemaInput,
    @Nullable String schemaOutput,
    @Nullable String inputExample,
    @Nullable Long modelSize,
    long creationTime,
    long lastUpdatedTime) {

  public LoggedModelId loggedModelId() {
    return new LoggedModelId(id);
  }

  /** The store directory of the files. */
  public ArtifactPath artifactPath() {
    return ArtifactUris.path(artifactLocation).orElseThrow();
  }

  public LoggedModelStatus statusValue() {
    return LoggedModelStatus.fromWire(status);
  }

  /** This row with what an inspection of its files found. */
  public LoggedModelEntity inspected(ModelInspector.Inspection inspection, long now) {
    return new LoggedModelEntity(
        id,
        modelId,
        projectId,
        experimentId,
        name,
        sourceRunId,
        modelType,
        artifactLocation,
        inspection.status().wire(),
        inspection.message(),
        inspection.kind().wire(),
        inspection.flavors(),
        inspection.schemaInput(),
        inspection.schemaOutput(),
        inspection.inputExample(),
        inspection.modelSize(),
        creationTime,
        now);
  }

  public LoggedModelEntity touched(long now) {
    return new LoggedModelEntity(
        id,
        modelId,
        projectId,
        experimentId,
        name,
        sourceRunId,
        modelType,
        artifactLocation,
        status,
        statusMessage,
        kind,
        flavors,
        schemaInput,
        schemaOutput,
        inputExample,
        modelSize,
        creationTime,
        now);
  }
}
