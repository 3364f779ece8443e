package io.fathom.controlplane.deploy;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/**
 * A deployment row: one succeeded build of a function, served by instances of its image. {@code
 * sealedToken} is the deployment's own project token ({@code FATHOM_SDK_AUTHORIZATION}), sealed at
 * rest, so that instances started later (cold starts, replacements, after a restart) get the same
 * one; it is revoked when the deployment ends.
 */
public record Deployment(
    UUID id,
    UUID projectId,
    UUID functionId,
    UUID buildId,
    int revisionNumber,
    String image,
    DeploymentStatus status,
    @Nullable InstanceState state,
    int minInstances,
    @Nullable UUID tokenId,
    @Nullable String sealedToken,
    @Nullable String errorCode,
    @Nullable String errorMessage,
    Instant createdAt,
    @Nullable Instant readyAt,
    @Nullable Instant stoppedAt) {

  public String revision() {
    return "v" + revisionNumber;
  }
}
