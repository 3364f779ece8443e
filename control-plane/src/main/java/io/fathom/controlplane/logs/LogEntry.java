package io.fathom.controlplane.logs;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/** One stored line an instance printed, with the call it belongs to when the runtime said so. */
public record LogEntry(
    long id,
    UUID functionId,
    UUID deploymentId,
    @Nullable UUID callId,
    Instant ts,
    String stream,
    String line) {}
