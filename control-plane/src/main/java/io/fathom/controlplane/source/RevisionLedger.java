package io.fathom.controlplane.source;

import io.fathom.controlplane.function.FunctionRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Appends revisions: takes the next number and moves the function's latest revision in one
 * transaction. Two uploads racing for the same number collide on the (function, number) unique key;
 * the loser retries in {@link SourceService}.
 */
@Singleton
class RevisionLedger {
  private final SourceRevisionRepository revisions;
  private final FunctionRepository functions;

  RevisionLedger(SourceRevisionRepository revisions, FunctionRepository functions) {
    this.revisions = revisions;
    this.functions = functions;
  }

  @Transactional
  SourceRevision append(
      UUID functionId, UUID projectId, String digest, String blobKey, long size, int files) {
    int latest =
        functions
            .findById(functionId)
            .orElseThrow(() -> new IllegalStateException("function " + functionId + " vanished"))
            .latestRevision();
    SourceRevision revision =
        revisions.save(
            new SourceRevision(
                UUID.randomUUID(),
                functionId,
                projectId,
                latest + 1,
                digest,
                blobKey,
                size,
                files,
                Instant.now().truncatedTo(ChronoUnit.MICROS)));
    functions.updateLatestRevision(functionId, revision.number());
    return revision;
  }
}
