package io.fathom.controlplane.mlflow.models;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A tag or param of a logged model, as MLflow sends it: {@code {"key", "value"}}. */
@Serdeable
public record KeyValue(@Nullable String key, @Nullable String value) {}
