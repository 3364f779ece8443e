package io.fathom.controlplane.mlflow.registry;

import io.fathom.controlplane.mlflow.MlflowException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** A model version's (deprecated, still served) stage, by MLflow's wire names. */
public enum Stage {
  NONE("None"),
  STAGING("Staging"),
  PRODUCTION("Production"),
  ARCHIVED("Archived");

  private final String wireName;

  Stage(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Case-insensitive, as MLflow; an unknown stage lists the valid ones. */
  public static Stage parse(String value) {
    return Arrays.stream(values())
        .filter(s -> s.wireName.equalsIgnoreCase(value.strip()))
        .findFirst()
        .orElseThrow(
            () ->
                MlflowException.invalid(
                    "Invalid Model Version stage: "
                        + value
                        + ". Value must be one of "
                        + Arrays.stream(values())
                            .map(Stage::wireName)
                            .collect(Collectors.joining(", "))
                        + "."));
  }
}
