package io.fathom.runner;

import java.time.Duration;
import java.util.List;

/**
 * How waiting for an instance's {@code /_/ready} ended.
 *
 * @param waited from the start of the wait to the answer (or to giving up)
 * @param instance the instance as last inspected; null when it was not (ready, or it vanished)
 * @param logTail its last output lines when it exited or timed out, for the error message
 */
public record Readiness(
    Outcome outcome, Duration waited, Instance instance, List<LogLine> logTail) {

  public enum Outcome {
    /** {@code /_/ready} answered 200. */
    READY,
    /** The instance exited (or was removed) before it was ready. */
    EXITED,
    /** The deadline passed first. */
    TIMED_OUT
  }

  public Readiness {
    logTail = logTail == null ? List.of() : List.copyOf(logTail);
  }

  public boolean ready() {
    return outcome == Outcome.READY;
  }

  /** One sentence for users: what happened, with the exit code, OOM kill and last output. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    switch (outcome) {
      case READY -> text.append("ready after ").append(waited.toMillis()).append(" ms");
      case EXITED -> {
        if (instance == null) {
          text.append("the instance was removed before it was ready");
        } else {
          text.append("the instance exited before it was ready");
          if (instance.exitCode() != null) {
            text.append(" (exit code ").append(instance.exitCode()).append(')');
          }
          if (instance.oomKilled()) {
            text.append(": killed for using more memory than its serving size allows");
          }
        }
      }
      case TIMED_OUT -> text.append("not ready after ").append(waited.toMillis()).append(" ms");
    }
    if (!logTail.isEmpty()) {
      text.append("; last output:");
      for (LogLine line : logTail) {
        text.append("\n  ").append(line.stream().wireName()).append(": ").append(line.line());
      }
    }
    return text.toString();
  }
}
