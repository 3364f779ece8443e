package io.fathom.controlplane.build;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/**
 * A build row. {@code layersJson} and {@code durationsJson} are the builder's result as stored
 * ({@link BuildResults}); image fields are set once it succeeded.
 */
public record Build(
    UUID id,
    UUID projectId,
    UUID functionId,
    int revisionNumber,
    String revisionDigest,
    boolean autoDeploy,
    BuildStatus status,
    @Nullable String errorCode,
    @Nullable String errorMessage,
    @Nullable String imageReference,
    @Nullable String imageDigest,
    @Nullable String imageId,
    @Nullable String layersJson,
    @Nullable String durationsJson,
    String configKey,
    Instant createdAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    @Nullable UUID deploymentId) {

  public String revision() {
    return "v" + revisionNumber;
  }
}
