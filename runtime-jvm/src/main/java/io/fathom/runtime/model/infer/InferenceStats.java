package io.fathom.runtime.model.infer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters in the shape of Triton's statistics extension: {@code inferenceCount} requests answered,
 * {@code executionCount} model runs. With dynamic batching, fewer runs than requests shows that
 * requests were merged.
 */
public final class InferenceStats {
  private final AtomicLong inferences = new AtomicLong();
  private final AtomicLong executions = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong largestBatch = new AtomicLong();

  void inferred() {
    inferences.incrementAndGet();
  }

  void executed(long rows) {
    executions.incrementAndGet();
    largestBatch.accumulateAndGet(rows, Math::max);
  }

  void failed() {
    failures.incrementAndGet();
  }

  public long inferenceCount() {
    return inferences.get();
  }

  public long executionCount() {
    return executions.get();
  }

  public long failureCount() {
    return failures.get();
  }

  /** The most rows one model run had (the stacked rows of a merged batch). */
  public long largestBatch() {
    return largestBatch.get();
  }
}
