package io.fathom.controlplane.mlflow.models;

import io.fathom.controlplane.mlflow.MlflowException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The state of a logged model, with MLflow's name and the platform's. A model starts {@code
 * PENDING}; finalizing moves it to {@code READY} or {@code UPLOAD_FAILED}. A failed upload may be
 * finalized again (the client retried the files); a ready model stays ready, and finalizing it
 * again only reads its MLmodel again.
 */
public enum LoggedModelStatus {
  PENDING("LOGGED_MODEL_PENDING", "pending"),
  READY("LOGGED_MODEL_READY", "ready"),
  UPLOAD_FAILED("LOGGED_MODEL_UPLOAD_FAILED", "upload-failed");

  private final String mlflow;
  private final String wire;

  LoggedModelStatus(String mlflow, String wire) {
    this.mlflow = mlflow;
    this.wire = wire;
  }

  public String mlflow() {
    return mlflow;
  }

  public String wire() {
    return wire;
  }

  public boolean canMoveTo(LoggedModelStatus next) {
    return switch (this) {
      case PENDING -> next != PENDING;
      case UPLOAD_FAILED -> next != PENDING;
      case READY -> next == READY;
    };
  }

  /** MLflow's name ({@code LOGGED_MODEL_READY}) to a status; unknown names list the valid ones. */
  public static LoggedModelStatus fromMlflow(String name) {
    for (LoggedModelStatus status : values()) {
      if (status.mlflow.equals(name)) {
        return status;
      }
    }
    throw MlflowException.invalid(
        "'"
            + name
            + "' is not a logged model status. Valid statuses are "
            + Arrays.stream(values()).map(s -> s.mlflow).collect(Collectors.joining(", ")));
  }

  public static LoggedModelStatus fromWire(String wire) {
    for (LoggedModelStatus status : values()) {
      if (status.wire.equals(wire)) {
        return status;
      }
    }
    throw new IllegalArgumentException("Unknown status " + wire);
  }
}
