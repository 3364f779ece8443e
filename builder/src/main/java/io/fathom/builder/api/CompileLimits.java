package io.fathom.builder.api;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of a compile step's builder container.
 *
 * @param cpus CPUs the container may use (clamped to the host's core count: Docker refuses more)
 * @param memoryBytes memory limit (swap is not added on top)
 * @param timeout wall-clock limit; the container is killed after it and the build fails with {@code
 *     build-timeout}
 */
public record CompileLimits(double cpus, long memoryBytes, Duration timeout) {
  /** 2 CPUs, 2 GiB, 10 minutes. */
  public static final CompileLimits DEFAULT =
      new CompileLimits(2, 2L * 1024 * 1024 * 1024, Duration.ofMinutes(10));

  public CompileLimits {
    Objects.requireNonNull(timeout, "timeout");
    if (!(cpus > 0)) {
      throw new IllegalArgumentException("cpus must be positive, got " + cpus);
    }
    if (memoryBytes < 64L * 1024 * 1024) {
      throw new IllegalArgumentException("memoryBytes must be at least 64 MiB, got " + memoryBytes);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
  }
}
