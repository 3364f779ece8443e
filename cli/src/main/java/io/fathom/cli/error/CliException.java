package io.fathom.cli.error;

import java.util.Objects;

/**
 * An error the user can act on: printed as {@code Error: <message> (<code>)}, optionally followed
 * by a hint line, and the command exits with status 1.
 */
public class CliException extends RuntimeException {
  private final String code;
  private final String hint;

  public CliException(String code, String message) {
    this(code, message, null, null);
  }

  public CliException(String code, String message, String hint, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.hint = hint;
  }

  /** Stable kebab-case code, from the API's error body or chosen by the CLI. */
  public String code() {
    return code;
  }

  /** What to do next, or {@code null}. */
  public String hint() {
    return hint;
  }
}
