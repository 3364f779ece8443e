package io.fathom.runner;

import java.time.Instant;

/** One line an instance printed: when (the engine's timestamp), on which stream, and the text. */
public record LogLine(Instant ts, Stream stream, String line) {
  public enum Stream {
    STDOUT,
    STDERR;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
