package io.fathom.controlplane.mlflow.tracking;

import io.fathom.controlplane.mlflow.MlflowException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** MLflow's run states. MLflow lets a client move a run to any state, so every move is legal. */
public enum RunStatus {
  RUNNING,
  SCHEDULED,
  FINISHED,
  FAILED,
  KILLED;

  public static RunStatus parse(String value) {
    for (RunStatus status : values()) {
      if (status.name().equals(value)) {
        return status;
      }
    }
    throw MlflowException.invalid(
        "'"
            + value
            + "' is not a run status; valid statuses are "
            + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
  }

  /** The platform view's spelling: {@code running}, {@code finished}, … */
  public String wire() {
    return name().toLowerCase();
  }

  public boolean terminal() {
    return this == FINISHED || this == FAILED || this == KILLED;
  }
}
