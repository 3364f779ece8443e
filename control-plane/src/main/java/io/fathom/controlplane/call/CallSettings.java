package io.fathom.controlplane.call;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * Call limits ({@code fathom.calls.*}): {@code max-sync-bytes} (input of a sync call, 6 MiB),
 * {@code max-async-bytes} (input of an async call, kept until it runs: 256 KiB), {@code
 * max-output-bytes} (output kept in the record, 6 MiB), {@code async-concurrency} (async calls
 * running at once per deployment, 4), {@code record-after-answer} (true: a sync call with no
 * idempotency key is answered before its record is written, {@link CallRecorder}; false: every
 * call's record is written before it runs and again when it ends).
 */
@Singleton
public class CallSettings {
  private final int maxSyncBytes;
  private final int maxAsyncBytes;
  private final int maxOutputBytes;
  private final int asyncConcurrency;
  private final boolean recordAfterAnswer;

  public CallSettings(
      @Value("${fathom.calls.max-sync-bytes:6291456}") int maxSyncBytes,
      @Value("${fathom.calls.max-async-bytes:262144}") int maxAsyncBytes,
      @Value("${fathom.calls.max-output-bytes:6291456}") int maxOutputBytes,
      @Value("${fathom.calls.async-concurrency:4}") int asyncConcurrency,
      @Value("${fathom.calls.record-after-answer:true}") boolean recordAfterAnswer) {
    this.maxSyncBytes = maxSyncBytes;
    this.maxAsyncBytes = maxAsyncBytes;
    this.maxOutputBytes = maxOutputBytes;
    this.asyncConcurrency = asyncConcurrency;
    this.recordAfterAnswer = recordAfterAnswer;
  }

  public boolean recordAfterAnswer() {
    return recordAfterAnswer;
  }

  public int maxInputBytes(CallMode mode) {
    return mode == CallMode.SYNC ? maxSyncBytes : maxAsyncBytes;
  }

  public int maxOutputBytes() {
    return maxOutputBytes;
  }

  public int asyncConcurrency() {
    return asyncConcurrency;
  }
}
