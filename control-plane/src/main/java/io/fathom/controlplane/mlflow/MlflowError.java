package io.fathom.controlplane.mlflow;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** MLflow's error body. */
@Serdeable
public record MlflowError(@JsonProperty("error_code") String errorCode, String message) {}
