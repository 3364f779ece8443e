package io.fathom.runtime.model.infer;

/**
 * How long the model's recent runs took (an exponentially weighted mean over about the last 16
 * runs), and from it where the next run goes: a model whose runs are {@linkplain #quick() quick}
 * runs on the thread that parsed the request (the connection's event loop), which saves two thread
 * hand-offs per request, several times a small model's own run time; a slower one runs on the
 * inference pool so it never holds up health checks or other connections. The first estimate is the
 * warmup run (usually the slowest), so a model starts on the pool and moves over once its runs
 * prove quick.
 */
final class RunTimes {
  /** Runs under this (mean) stay on the connection's thread. */
  static final long QUICK_NANOS = 1_000_000;

  private static final int WEIGHT_SHIFT = 4;

  /** The mean in nanoseconds; a lost update between two concurrent runs only delays the mean. */
  private volatile long meanNanos = Long.MAX_VALUE;

  void record(long nanos) {
    long mean = meanNanos;
    meanNanos = mean == Long.MAX_VALUE ? nanos : mean + ((nanos - mean) >> WEIGHT_SHIFT);
  }

  boolean quick() {
    return meanNanos < QUICK_NANOS;
  }

  long meanNanos() {
    return meanNanos;
  }
}
