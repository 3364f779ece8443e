package io.fathom.runtime.model.infer;

import java.time.Duration;
import java.util.Objects;

/**
 * Dynamic batching: up to {@code maxSize} rows from concurrent requests are run as one, each batch
 * waiting at most {@code maxDelay} after its first request. {@code maxSize} 0 or 1 is off.
 */
public record BatchSettings(int maxSize, Duration maxDelay) {
  public static final BatchSettings OFF = new BatchSettings(0, Duration.ZERO);

  public BatchSettings {
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxSize < 0) {
      throw new IllegalArgumentException("maxSize must be 0 or more");
    }
    if (maxDelay.isNegative()) {
      throw new IllegalArgumentException("maxDelay must not be negative");
    }
  }

  public boolean enabled() {
    return maxSize > 1;
  }
}
