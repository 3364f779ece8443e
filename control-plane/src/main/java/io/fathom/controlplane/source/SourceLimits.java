package io.fathom.controlplane.source;

import io.fathom.controlplane.source.archive.ArchiveLimits;
import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Upload limits ({@code fathom.source.*}): the request body (also Micronaut's {@code
 * max-request-size}, answered with 413) and what the archive may unpack to.
 */
@ConfigurationProperties("fathom.source")
public record SourceLimits(
    long maxUploadBytes,
    int maxFiles,
    long maxTotalBytes,
    long maxFileBytes,
    int maxCompressionRatio) {

  public SourceLimits {
    if (maxUploadBytes < 1024) {
      throw new IllegalArgumentException(
          "fathom.source.max-upload-bytes must be at least 1024, got " + maxUploadBytes);
    }
  }

  public ArchiveLimits archive() {
    return new ArchiveLimits(maxFiles, maxTotalBytes, maxFileBytes, maxCompressionRatio);
  }
}
