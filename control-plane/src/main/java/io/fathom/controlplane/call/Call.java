package io.fathom.controlplane.call;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/**
 * A call row: one invocation of a function, its input (kept for async calls until they run), its
 * output or error, and where the time went ({@code queuedMs} waiting for a worker, {@code startMs}
 * starting a cold instance, {@code executionMs} inside the instance).
 */
public record Call(
    UUID id,
    UUID projectId,
    UUID functionId,
    @Nullable UUID deploymentId,
    @Nullable UUID scheduleId,
    CallStatus status,
    CallMode mode,
    @Nullable String idempotencyKey,
    String inputHash,
    @Nullable String input,
    @Nullable String output,
    @Nullable String errorCode,
    @Nullable String errorMessage,
    int timeoutSeconds,
    boolean coldStart,
    @Nullable Long queuedMs,
    @Nullable Long startMs,
    @Nullable Long executionMs,
    @Nullable Long durationMs,
    Instant createdAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt) {

  /** The same call ended with an error at {@code at} (a rejection is recorded this way). */
  public Call withError(String code, String message, Instant at) {
    return new Call(
        id,
        projectId,
        functionId,
        deploymentId,
        scheduleId,
        status,
        mode,
        idempotencyKey,
        inputHash,
        null,
        null,
        code,
        message,
        timeoutSeconds,
        coldStart,
        queuedMs,
        startMs,
        executionMs,
        0L,
        createdAt,
        startedAt,
        at);
  }

  /**
   * The same call as {@link CallStore#finish} leaves its row: the outcome, the timings, the end
   * time, and no stored input. A sync call answers with this instead of reading the row back.
   */
  public Call ended(CallOutcome o, long duration, Instant at) {
    return new Call(
        id,
        projectId,
        functionId,
        deploymentId,
        scheduleId,
        o.status(),
        mode,
        idempotencyKey,
        inputHash,
        null,
        o.output(),
        o.errorCode(),
        CallStore.truncateError(o.errorMessage()),
        timeoutSeconds,
        o.coldStart(),
        queuedMs,
        o.startMs(),
        o.executionMs(),
        duration,
        createdAt,
        startedAt,
        at);
  }
}
