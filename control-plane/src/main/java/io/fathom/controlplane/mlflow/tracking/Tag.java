package io.fathom.controlplane.mlflow.tracking;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A key and value: an experiment tag, a run tag or a run parameter (MLflow's wire shape too). */
@Serdeable
public record Tag(@Nullable String key, @Nullable String value) {}
