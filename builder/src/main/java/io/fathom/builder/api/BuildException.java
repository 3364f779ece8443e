package io.fathom.builder.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A build that did not produce an image. {@link #code()} is a stable kebab-case code (the build
 * record's {@code error.code}); the message says what to do.
 */
public class BuildException extends Exception {
  private static final Pattern CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private final String code;

  public BuildException(String code, String message) {
    this(code, message, null);
  }

  public BuildException(String code, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    if (code == null || !CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("error codes are kebab-case, got " + code);
    }
    this.code = code;
  }

  /** The stable error code, e.g. {@code dependencies-unavailable}. */
  public String code() {
    return code;
  }
}
