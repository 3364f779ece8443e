package io.fathom.controlplane.function;

import io.fathom.controlplane.common.ApiException;
import io.micronaut.core.annotation.Nullable;

/**
 * How a function is served: size, optional GPU, the call timeout, and the minimum number of
 * instances (0: scaled to zero when idle; 1: kept warm).
 */
public record Serving(
    ServingSize size, @Nullable ServingGpu gpu, int timeoutSeconds, int minInstances) {
  public static final int DEFAULT_TIMEOUT_SECONDS = 60;
  public static final int MAX_TIMEOUT_SECONDS = 3600;

  public Serving {
    if (minInstances < 0 || minInstances > 1) {
      throw ApiException.badRequest(
          "invalid-min-instances",
          "serving.minInstances must be 0 (scale to zero when idle) or 1 (keep one instance"
              + " warm), got "
              + minInstances);
    }
    if (size == null) {
      throw ApiException.badRequest("invalid-serving-size", "serving.size is required");
    }
    if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
      throw ApiException.badRequest(
          "invalid-serving-timeout",
          "serving.timeoutSeconds must be between 1 and "
              + MAX_TIMEOUT_SECONDS
              + ", got "
              + timeoutSeconds);
    }
  }
}
