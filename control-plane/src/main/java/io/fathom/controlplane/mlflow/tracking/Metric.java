package io.fathom.controlplane.mlflow.tracking;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One logged metric value (MLflow's wire shape too). Numbers may arrive as JSON strings: the Java
 * client's protobuf printer writes int64 fields that way.
 */
@Serdeable
public record Metric(
    @Nullable String key, @Nullable Double value, @Nullable Long timestamp, @Nullable Long step) {}
