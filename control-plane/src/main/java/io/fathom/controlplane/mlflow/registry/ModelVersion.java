package io.fathom.controlplane.mlflow.registry;

/**
 * A row of {@code mlflow_model_versions}. {@code storageLocation} is where the version's files are
 * ({@code mlflow-artifacts:/…}), resolved from {@code source} when the version was created.
 */
public record ModelVersion(
    String name,
    int version,
    String description,
    String userId,
    String source,
    String storageLocation,
    String runId,
    String runLink,
    String modelId,
    Stage stage,
    String status,
    long createdAt,
    long updatedAt) {}
