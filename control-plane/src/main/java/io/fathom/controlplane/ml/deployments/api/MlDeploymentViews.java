package io.fathom.controlplane.ml.deployments.api;

import io.fathom.controlplane.ml.deployments.MlDeploymentEntity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Wire shapes of the model deployments API (document section 8). */
public final class MlDeploymentViews {
  private MlDeploymentViews() {}

  @Serdeable
  public record Serving(String size, @Nullable String gpu) {}

  @Serdeable
  public record Tag(String key, @Nullable String value) {}

  @Serdeable
  public record Error(String code, String message) {}

  /**
   * @param instance {@code hot}, {@code cold}, or null while nothing runs
   * @param provider the ONNX Runtime execution provider the running revision uses
   * @param message why the last rollout failed, when it did
   */
  @Serdeable
  public record State(
      @Nullable String instance,
      @Nullable String provider,
      @Nullable String message,
      @Nullable Error error) {}

  @Serdeable
  public record ModelData(String kind, String modelId, @Nullable String modelName) {}

  @Serdeable
  public record DeploymentView(
      String id,
      String userId,
      Instant createdAt,
      Instant updatedAt,
      String name,
      String description,
      String status,
      State state,
      Serving serving,
      List<Tag> tags,
      ModelData modelData,
      @Nullable String nextRevision,
      @Nullable String runningRevision) {

    static DeploymentView of(
        MlDeploymentEntity d, Map<String, String> tags, @Nullable String modelName) {
      return new DeploymentView(
          d.id().toString(),
          d.userId().toString(),
          d.createdAt(),
          d.updatedAt(),
          d.name(),
          d.description(),
          d.status(),
          new State(
              d.state(),
              d.provider(),
              d.stateMessage(),
              d.errorCode() == null ? null : new Error(d.errorCode(), d.stateMessage())),
          new Serving(d.servingSize(), d.servingGpu()),
          tags.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList(),
          new ModelData(d.modelKind(), d.modelId().toString(), modelName),
          d.nextRevision() == null ? null : "r" + d.nextRevision(),
          d.runningRevision() == null ? null : "r" + d.runningRevision());
    }
  }
}
