package io.fathom.controlplane.source;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * An immutable upload of a function's source tree. {@code digest} is the SHA-256 of the tree's
 * canonical tar; {@code blobKey} names the stored canonical tar.gz.
 */
@MappedEntity("source_revisions")
public record SourceRevision(
    @Id UUID id,
    UUID functionId,
    UUID projectId,
    int number,
    String digest,
    String blobKey,
    long sizeBytes,
    int fileCount,
    Instant createdAt) {

  public RevisionId revisionId() {
    return new RevisionId(number);
  }
}
