package io.fathom.controlplane.mlflow.tracking.search;

import io.fathom.controlplane.mlflow.MlflowException;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/** MLflow's {@code ViewType}: which lifecycle stages a search returns. */
public enum ViewType {
  ACTIVE_ONLY(List.of("active")),
  DELETED_ONLY(List.of("deleted")),
  ALL(List.of("active", "deleted"));

  private final List<String> stages;

  ViewType(List<String> stages) {
    this.stages = stages;
  }

  public List<String> stages() {
    return stages;
  }

  /** Accepts the name or the proto number (1, 2, 3); absent means {@link #ACTIVE_ONLY}. */
  public static ViewType parse(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return ACTIVE_ONLY;
    }
    for (ViewType type : values()) {
      if (type.name().equalsIgnoreCase(value) || String.valueOf(type.ordinal() + 1).equals(value)) {
        return type;
      }
    }
    throw MlflowException.invalid(
        "Invalid view type '" + value + "'; valid types are ACTIVE_ONLY, DELETED_ONLY and ALL");
  }
}
