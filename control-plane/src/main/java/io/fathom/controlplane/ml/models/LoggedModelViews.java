package io.fathom.controlplane.ml.models;

import io.fathom.controlplane.mlflow.models.LoggedModel;
import io.fathom.controlplane.mlflow.models.LoggedModelEntity;
import io.fathom.controlplane.mlflow.models.ModelInspector;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The platform's view of logged models (API reference: machine-learning/v1/logged-models). */
public final class LoggedModelViews {
  private LoggedModelViews() {}

  @Serdeable
  public record FilterBody(@Nullable Object filter) {}

  @Serdeable
  public record Tag(String key, @Nullable String value) {}

  @Serdeable
  public record Schema(List<Object> input, List<Object> output) {}

  @Serdeable
  public record LoggedModelView(
      UUID id,
      Instant createdAt,
      String name,
      String kind,
      @Nullable Long modelSize,
      @Nullable UUID runId,
      Schema schema,
      String status,
      List<Tag> tags,
      Instant updatedAt) {

    static LoggedModelView of(LoggedModel model) {
      LoggedModelEntity e = model.entity();
      return new LoggedModelView(
          e.id(),
          Instant.ofEpochMilli(e.creationTime()),
          e.name(),
          e.kind(),
          e.modelSize(),
          runUuid(e.sourceRunId()),
          new Schema(list(e.schemaInput()), list(e.schemaOutput())),
          e.status(),
          model.tags().stream().map(t -> new Tag(t.key(), t.value())).toList(),
          Instant.ofEpochMilli(e.lastUpdatedTime()));
    }
  }

  /** The input example as a V2 inference request. */
  @Serdeable
  public record InputExample(List<Object> inputs, @Nullable List<Object> outputs) {
    @SuppressWarnings("unchecked")
    static InputExample of(String json) {
      Map<String, Object> request = ModelInspector.parse(json, Map.class);
      return new InputExample(
          (List<Object>) request.get("inputs"), (List<Object>) request.get("outputs"));
    }
  }

  private static List<Object> list(@Nullable String json) {
    List<Object> parsed = ModelInspector.parse(json, List.class);
    return parsed == null ? List.of() : parsed;
  }

  /** Run ids are 32 hex digits: the same value as a UUID. */
  private static UUID runUuid(@Nullable String runId) {
    if (runId == null || !runId.matches("[0-9a-f]{32}")) {
      return null;
    }
    return UUID.fromString(runId.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
  }
}
