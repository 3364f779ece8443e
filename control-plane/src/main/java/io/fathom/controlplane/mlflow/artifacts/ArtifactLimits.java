package io.fathom.controlplane.mlflow.artifacts;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Artifact upload limits ({@code fathom.artifacts.*}). Uploads are streamed to disk, never held in
 * memory; Micronaut's {@code micronaut.server.max-request-size} must be at least as large.
 */
@ConfigurationProperties("fathom.artifacts")
public record ArtifactLimits(@Bindable(defaultValue = "2147483648") long maxUploadBytes) {

  public ArtifactLimits {
    if (maxUploadBytes < 1) {
      throw new IllegalArgumentException(
          "fathom.artifacts.max-upload-bytes must be positive, got " + maxUploadBytes);
    }
  }
}
