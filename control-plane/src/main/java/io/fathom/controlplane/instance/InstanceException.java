package io.fathom.controlplane.instance;

/**
 * An instance could not start, got not ready, or died: a kebab-case {@code code} ({@code
 * not-ready}, {@code instance-crashed}, {@code out-of-memory}, {@code not-serving}, or the runner's
 * own: {@code size-unavailable}, {@code gpu-unavailable}, {@code image-missing}, …) and a message
 * for the user (with the instance's last log lines where they explain it).
 */
public class InstanceException extends Exception {
  private final String code;

  public InstanceException(String code, String message) {
    super(message);
    this.code = code;
  }

  public InstanceException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
