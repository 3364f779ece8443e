package io.fathom.controlplane.ml.deployments;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * A model deployment row. {@code tags} is a JSON object; {@code status} and {@code state} hold wire
 * names. The running revision serves inference through {@code runningWorkload}; a rollout in
 * progress is {@code nextRevision} on {@code nextWorkload}. {@code sealedToken} is the deployment's
 * project token, sealed at rest (its instances download the model with it).
 */
@MappedEntity("ml_deployments")
public record MlDeploymentEntity(
    @Id UUID id,
    UUID organizationId,
    UUID projectId,
    UUID userId,
    String name,
    String description,
    String modelKind,
    UUID modelId,
    String servingSize,
    @Nullable String servingGpu,
    String tags,
    String status,
    @Nullable String state,
    @Nullable String provider,
    @Nullable String errorCode,
    @Nullable String stateMessage,
    @Nullable Integer runningRevision,
    @Nullable Integer nextRevision,
    @Nullable UUID runningWorkload,
    @Nullable UUID nextWorkload,
    @Nullable UUID runningModelId,
    @Nullable UUID tokenId,
    @Nullable String sealedToken,
    Instant createdAt,
    Instant updatedAt) {

  public MlDeploymentStatus statusValue() {
    return MlDeploymentStatus.fromWire(status);
  }

  /** A copy with changes applied by {@code edit}. */
  public MlDeploymentEntity with(java.util.function.Consumer<Builder> edit) {
    Builder b = new Builder(this);
    edit.accept(b);
    return b.build();
  }

  /** Mutable copy for {@link #with}. */
  public static final class Builder {
    public String name;
    public String description;
    public UUID modelId;
    public String servingSize;
    public String servingGpu;
    public String tags;
    public String status;
    public String state;
    public String provider;
    public String errorCode;
    public String stateMessage;
    public Integer runningRevision;
    public Integer nextRevision;
    public UUID runningWorkload;
    public UUID nextWorkload;
    public UUID runningModelId;
    public UUID tokenId;
    public String sealedToken;
    public Instant updatedAt;
    private final MlDeploymentEntity from;

    Builder(MlDeploymentEntity e) {
      from = e;
      name = e.name;
      description = e.description;
      modelId = e.modelId;
      servingSize = e.servingSize;
      servingGpu = e.servingGpu;
      tags = e.tags;
      status = e.status;
      state = e.state;
      provider = e.provider;
      errorCode = e.errorCode;
      stateMessage = e.stateMessage;
      runningRevision = e.runningRevision;
      nextRevision = e.nextRevision;
      runningWorkload = e.runningWorkload;
      nextWorkload = e.nextWorkload;
      runningModelId = e.runningModelId;
      tokenId = e.tokenId;
      sealedToken = e.sealedToken;
      updatedAt = Instant.now();
    }

    MlDeploymentEntity build() {
      return new MlDeploymentEntity(
          from.id,
          from.organizationId,
          from.projectId,
          from.userId,
          name,
          description,
          from.modelKind,
          modelId,
          servingSize,
          servingGpu,
          tags,
          status,
          state,
          provider,
          errorCode,
          stateMessage,
          runningRevision,
          nextRevision,
          runningWorkload,
          nextWorkload,
          runningModelId,
          tokenId,
          sealedToken,
          from.createdAt,
          updatedAt);
    }
  }
}
