package io.fathom.controlplane.mlflow.tracking.search;

import java.util.List;

/**
 * One comparison of a search filter: {@code metrics.rmse < 0.5}. {@code values} holds one value
 * ({@code String} or {@code Double}), several for {@code IN}, none for {@code IS NULL}.
 */
public record Clause(Entity entity, String key, String operator, List<Object> values) {

  /** What a key names. */
  public enum Entity {
    METRIC,
    PARAM,
    TAG,
    ATTRIBUTE,
    DATASET
  }

  public Object value() {
    return values.getFirst();
  }
}
