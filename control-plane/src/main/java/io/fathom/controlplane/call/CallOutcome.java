package io.fathom.controlplane.call;

import io.micronaut.core.annotation.Nullable;

/**
 * How a call ended: the final status with the output (succeeded) or the error, and the timings
 * measured while running it.
 */
public record CallOutcome(
    CallStatus status,
    @Nullable String output,
    @Nullable String errorCode,
    @Nullable String errorMessage,
    boolean coldStart,
    long startMs,
    long executionMs) {

  public static CallOutcome failed(String code, String message) {
    return new CallOutcome(CallStatus.FAILED, null, code, message, false, 0, 0);
  }

  public CallOutcome withStart(boolean cold, long start) {
    return new CallOutcome(status, output, errorCode, errorMessage, cold, start, executionMs);
  }
}
