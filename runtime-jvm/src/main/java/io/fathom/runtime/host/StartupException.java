package io.fathom.runtime.host;

/**
 * The host cannot start: bad configuration, a missing or broken function class, an unreadable
 * schema. {@link Main} prints {@code fathom-host: <message>} on stderr and exits 1, so the message
 * names the setting or class and says what to do.
 */
public class StartupException extends RuntimeException {

  public StartupException(String message) {
    super(message);
  }

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
