package io.fathom.controlplane.build;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The log of one running build: numbers lines and stores them. Every build env value (plain or
 * secret) of four characters or more is replaced by {@code ********} before a line is stored, so a
 * value echoed by a tool never reaches the log. Thread-safe.
 */
final class BuildLog {
  static final String MASK = "********";
  private static final int MIN_MASKED = 4;

  private final BuildStore store;
  private final UUID buildId;
  private final List<String> masked;
  private final AtomicInteger seq;

  BuildLog(BuildStore store, UUID buildId, Collection<String> values) {
    this.store = store;
    this.buildId = buildId;
    this.masked = values.stream().filter(v -> v.length() >= MIN_MASKED).distinct().toList();
    this.seq = new AtomicInteger(store.lastSeq(buildId));
  }

  /** The last line of every finished build's log: {@code build succeeded|failed|cancelled}. */
  static String finalLine(BuildStatus status) {
    return "build " + status.wire();
  }

  static boolean isFinalLine(String line) {
    return line.equals(finalLine(BuildStatus.SUCCEEDED))
        || line.equals(finalLine(BuildStatus.FAILED))
        || line.equals(finalLine(BuildStatus.CANCELLED));
  }

  void out(String line) {
    write(BuildLogLine.STDOUT, line);
  }

  void err(String line) {
    write(BuildLogLine.STDERR, line);
  }

  private synchronized void write(String stream, String line) {
    String text = line;
    for (String value : masked) {
      text = text.replace(value, MASK);
    }
    store.appendLog(
        buildId,
        new BuildLogLine(
            seq.incrementAndGet(), Instant.now().truncatedTo(ChronoUnit.MICROS), stream, text));
  }
}
