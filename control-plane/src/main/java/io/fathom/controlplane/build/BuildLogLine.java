package io.fathom.controlplane.build;

import java.time.Instant;

/** One line of a build's log; {@code seq} orders the lines of one build from 1. */
public record BuildLogLine(int seq, Instant ts, String stream, String line) {
  public static final String STDOUT = "stdout";
  public static final String STDERR = "stderr";
  public static final int MAX_CHARS = 8000;
}
