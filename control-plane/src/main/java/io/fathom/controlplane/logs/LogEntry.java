package io.fathom.controlplane.logs;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/**
 * One stored line an instance printed, with the call it belongs to when the runtime said so.
 *
 * @param ownerId the function or model deployment whose instance printed it
 * @param deploymentId the workload: the function's deployment, or the model deployment's revision
 */
public record LogEntry(
    long id,
    UUID ownerId,
    UUID deploymentId,
    @Nullable UUID callId,
    Instant ts,
    String stream,
    String line) {}
