package io.fathom.cli.runtime;

import io.fathom.cli.error.CliException;
import java.time.Duration;

/**
 * The pause between two polls of a {@code --watch} loop. The interval is the command's own unless
 * {@value #INTERVAL_VARIABLE} (milliseconds) overrides it: tests set it to a few milliseconds so
 * that a loop over scripted answers takes no time.
 */
public final class Polling {
  public static final String INTERVAL_VARIABLE = "FATHOM_POLL_INTERVAL_MS";
  private final Duration interval;

  private Polling(Duration interval) {
    this.interval = interval;
  }

  /** {@code standard}, or the session's {@value #INTERVAL_VARIABLE} when set. */
  public static Polling every(Duration standard, Session session) {
    return new Polling(session.env(INTERVAL_VARIABLE).map(Polling::parse).orElse(standard));
  }

  public Duration interval() {
    return interval;
  }

  /** Sleeps one interval; an interrupt (Ctrl-C in a shell) ends the command. */
  public void pause() {
    try {
      Thread.sleep(interval);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted", "interrupted while waiting");
    }
  }

  private static Duration parse(String value) {
    try {
      long millis = Long.parseLong(value.strip());
      if (millis >= 0) {
        return Duration.ofMillis(millis);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CliException(
        "invalid-configuration",
        INTERVAL_VARIABLE
            + " must be a number of milliseconds (0 or more), but was '"
            + value
            + "'");
  }
}
