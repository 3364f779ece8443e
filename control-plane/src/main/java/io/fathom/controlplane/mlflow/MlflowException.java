package io.fathom.controlplane.mlflow;

import io.micronaut.http.HttpStatus;

/**
 * An error of the MLflow-compatible API, rendered in MLflow's own shape {@code {"error_code":
 * "RESOURCE_DOES_NOT_EXIST", "message": "…"}} so that MLflow clients understand it.
 */
public class MlflowException extends RuntimeException {
  private final HttpStatus status;
  private final String errorCode;

  public MlflowException(HttpStatus status, String errorCode, String message) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  public HttpStatus status() {
    return status;
  }

  public String errorCode() {
    return errorCode;
  }

  /** 404 {@code RESOURCE_DOES_NOT_EXIST}. */
  public static MlflowException notFound(String message) {
    return new MlflowException(HttpStatus.NOT_FOUND, "RESOURCE_DOES_NOT_EXIST", message);
  }

  /** 400 {@code RESOURCE_ALREADY_EXISTS}. */
  public static MlflowException alreadyExists(String message) {
    return new MlflowException(HttpStatus.BAD_REQUEST, "RESOURCE_ALREADY_EXISTS", message);
  }

  /** 400 {@code INVALID_PARAMETER_VALUE}. */
  public static MlflowException invalid(String message) {
    return new MlflowException(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER_VALUE", message);
  }

  /** 400 {@code INVALID_STATE}. */
  public static MlflowException invalidState(String message) {
    return new MlflowException(HttpStatus.BAD_REQUEST, "INVALID_STATE", message);
  }
}
