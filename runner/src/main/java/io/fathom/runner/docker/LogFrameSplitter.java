package io.fathom.runner.docker;

import io.fathom.runner.LogLine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns the engine's log frames (asked for with timestamps) into {@link LogLine}s, one per line, in
 * order. A frame may hold several lines, or part of one: bytes are kept per stream until the
 * newline arrives, so a line (or a UTF-8 character) cut across frames comes out whole. Each line
 * starts with the engine's RFC 3339 timestamp and a space; that prefix becomes {@link LogLine#ts}.
 *
 * <p>The engine cuts lines longer than 16 KiB into partial messages, each sent as its own frame
 * with its own timestamp and no newline; when a frame continues an unfinished line, its timestamp
 * prefix is dropped so the line reads as printed, with the first part's time.
 */
final class LogFrameSplitter {
  private final Consumer<LogLine> sink;
  private final Map<LogLine.Stream, ByteArrayOutputStream> pending =
      new EnumMap<>(LogLine.Stream.class);
  private Instant lastTs;

  LogFrameSplitter(Consumer<LogLine> sink) {
    this.sink = sink;
  }

  synchronized void accept(LogLine.Stream stream, byte[] payload) {
    ByteArrayOutputStream buffer =
        pending.computeIfAbsent(stream, s -> new ByteArrayOutputStream());
    int start = 0;
    if (buffer.size() > 0) {
      int prefix = timestampPrefixLength(payload, 0);
      if (prefix > 0) {
        start = prefix;
      }
    }
    for (int i = start; i < payload.length; i++) {
      byte b = payload[i];
      if (b == '\n') {
        emit(stream, buffer);
      } else {
        buffer.write(b);
      }
    }
  }

  /** Emits what is left of unfinished lines: the output ended without a newline. */
  synchronized void flush() {
    for (Map.Entry<LogLine.Stream, ByteArrayOutputStream> entry : pending.entrySet()) {
      if (entry.getValue().size() > 0) {
        emit(entry.getKey(), entry.getValue());
      }
    }
  }

  private void emit(LogLine.Stream stream, ByteArrayOutputStream buffer) {
    byte[] bytes = buffer.toByteArray();
    buffer.reset();
    int prefix = timestampPrefixLength(bytes, 0);
    // A line without the prefix (not seen from the engine) takes its predecessor's time.
    Instant ts = lastTs == null ? Instant.now() : lastTs;
    int from = 0;
    if (prefix > 0) {
      ts = parse(bytes, 0, prefix - 1);
      from = prefix;
    }
    int to = bytes.length;
    if (to > from && bytes[to - 1] == '\r') {
      to--;
    }
    lastTs = ts;
    sink.accept(
        new LogLine(ts, stream, new String(bytes, from, to - from, StandardCharsets.UTF_8)));
  }

  /**
   * The length of a {@code 2026-11-23T06:33:13.123456789Z } prefix (timestamp and one space) at
   * {@code offset}, or 0 when there is none.
   */
  static int timestampPrefixLength(byte[] bytes, int offset) {
    // The shortest RFC 3339 form is 2026-11-23T06:33:13Z (20 chars); the engine writes 30 + offset.
    int limit = Math.min(bytes.length, offset + 40);
    if (limit - offset < 21 || bytes[offset + 4] != '-' || bytes[offset + 10] != 'T') {
      return 0;
    }
    for (int i = offset; i < limit; i++) {
      if (bytes[i] == ' ') {
        return parse(bytes, offset, i) == null ? 0 : i - offset + 1;
      }
    }
    return 0;
  }

  private static Instant parse(byte[] bytes, int from, int to) {
    try {
      return OffsetDateTime.parse(new String(bytes, from, to - from, StandardCharsets.US_ASCII))
          .toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
