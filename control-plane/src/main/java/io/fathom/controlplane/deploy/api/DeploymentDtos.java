package io.fathom.controlplane.deploy.api;

import io.fathom.controlplane.deploy.Deployment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** Wire shapes of the deployments API. */
public final class DeploymentDtos {
  private DeploymentDtos() {}

  @Serdeable
  public record CreateDeployment(@Nullable String buildId) {}

  @Serdeable
  public record Error(String code, String message) {}

  @Serdeable
  public record DeploymentView(
      String id,
      String functionId,
      String buildId,
      String revision,
      String image,
      String status,
      @Nullable String state,
      int minInstances,
      @Nullable Error error,
      Instant createdAt,
      @Nullable Instant readyAt,
      @Nullable Instant stoppedAt) {

    public static DeploymentView of(Deployment d) {
      return new DeploymentView(
          d.id().toString(),
          d.functionId().toString(),
          d.buildId().toString(),
          d.revision(),
          d.image(),
          d.status().wire(),
          d.state() == null ? null : d.state().wire(),
          d.minInstances(),
          d.errorCode() == null ? null : new Error(d.errorCode(), d.errorMessage()),
          d.createdAt(),
          d.readyAt(),
          d.stoppedAt());
    }
  }
}
