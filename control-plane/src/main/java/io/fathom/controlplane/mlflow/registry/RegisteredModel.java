package io.fathom.controlplane.mlflow.registry;

/** A row of {@code mlflow_registered_models}; times are epoch milliseconds. */
public record RegisteredModel(
    String name, String description, String userId, long createdAt, long updatedAt) {}
