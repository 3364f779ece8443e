package io.fathom.runner;

/**
 * A runner failure with a kebab-case code the control plane shows as is: {@code size-unavailable},
 * {@code gpu-unavailable}, {@code image-missing}, {@code engine-unavailable}, {@code start-failed},
 * {@code instance-missing} (logs of an instance that no longer exists), {@code port-unavailable}
 * ({@link PortAllocator} found no free port).
 */
public class RunnerException extends Exception {
  private final String code;

  public RunnerException(String code, String message) {
    super(message);
    this.code = code;
  }

  public RunnerException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
