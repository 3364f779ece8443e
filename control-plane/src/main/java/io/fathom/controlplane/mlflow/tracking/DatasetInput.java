package io.fathom.controlplane.mlflow.tracking;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;

/** MLflow's {@code DatasetInput}: a dataset a run used, with its input tags (e.g. context). */
@Serdeable(naming = SnakeCaseStrategy.class)
public record DatasetInput(@Nullable List<Tag> tags, @Nullable Dataset dataset) {

  /** MLflow's {@code Dataset}. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  public record Dataset(
      @Nullable String name,
      @Nullable String digest,
      @Nullable String sourceType,
      @Nullable String source,
      @Nullable String schema,
      @Nullable String profile) {}
}
