package io.fathom.runner.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.runner.LogLine;
import io.fathom.runner.LogLine.Stream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogFrameSplitterTest {
  private static final String T1 = "2026-11-23T06:33:13.123456789Z";
  private static final String T2 = "2026-11-23T06:33:14.000000001Z";

  private final List<LogLine> lines = new ArrayList<>();
  private final LogFrameSplitter splitter = new LogFrameSplitter(lines::add);

  private void frame(Stream stream, String text) {
    splitter.accept(stream, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void oneLinePerFrame_parsesTimestampAndStream() {
    frame(Stream.STDOUT, T1 + " hello\n");
    frame(Stream.STDERR, T2 + " oops\r\n");
    assertThat(lines)
        .containsExactly(
            new LogLine(Instant.parse(T1), Stream.STDOUT, "hello"),
            new LogLine(Instant.parse(T2), Stream.STDERR, "oops"));
  }

  @Test
  void severalLinesInOneFrame_comeOutInOrder() {
    frame(Stream.STDOUT, T1 + " a\n" + T2 + " b\n" + T2 + " \n");
    assertThat(lines)
        .extracting(LogLine::line, LogLine::ts)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", Instant.parse(T1)),
            org.assertj.core.groups.Tuple.tuple("b", Instant.parse(T2)),
            org.assertj.core.groups.Tuple.tuple("", Instant.parse(T2)));
  }

  @Test
  void lineCutAcrossFrames_isJoined_evenInsideAUtf8Character() {
    byte[] all = (T1 + " grüße\n").getBytes(StandardCharsets.UTF_8);
    int cut = T1.length() + 4; // inside the two bytes of ü
    splitter.accept(Stream.STDOUT, Arrays.copyOfRange(all, 0, cut));
    assertThat(lines).isEmpty();
    splitter.accept(Stream.STDOUT, Arrays.copyOfRange(all, cut, all.length));
    assertThat(lines).containsExactly(new LogLine(Instant.parse(T1), Stream.STDOUT, "grüße"));
  }

  @Test
  void partialMessages_dropTheContinuationsTimestamp() {
    frame(Stream.STDOUT, T1 + " first half ");
    frame(Stream.STDOUT, T2 + " second half\n");
    assertThat(lines)
        .containsExactly(new LogLine(Instant.parse(T1), Stream.STDOUT, "first half second half"));
  }

  @Test
  void streamsAreBufferedApart() {
    frame(Stream.STDOUT, T1 + " out-");
    frame(Stream.STDERR, T1 + " err\n");
    frame(Stream.STDOUT, "rest\n");
    assertThat(lines)
        .extracting(LogLine::stream, LogLine::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Stream.STDERR, "err"),
            org.assertj.core.groups.Tuple.tuple(Stream.STDOUT, "out-rest"));
  }

  @Test
  void flush_emitsAnUnfinishedLastLine() {
    frame(Stream.STDOUT, T1 + " no newline");
    assertThat(lines).isEmpty();
    splitter.flush();
    assertThat(lines).containsExactly(new LogLine(Instant.parse(T1), Stream.STDOUT, "no newline"));
  }

  @Test
  void lineWithoutTimestamp_keepsItsTextWhole() {
    frame(Stream.STDOUT, T1 + " a\n");
    frame(Stream.STDOUT, "2026 is not a timestamp\n");
    assertThat(lines.get(1))
        .isEqualTo(new LogLine(Instant.parse(T1), Stream.STDOUT, "2026 is not a timestamp"));
  }

  @Test
  void timestampPrefixLength_onlyForRealTimestamps() {
    assertThat(LogFrameSplitter.timestampPrefixLength((T1 + " x").getBytes(), 0))
        .isEqualTo(T1.length() + 1);
    assertThat(LogFrameSplitter.timestampPrefixLength("2026-11-23T99:99:99Z x".getBytes(), 0))
        .isZero();
    assertThat(LogFrameSplitter.timestampPrefixLength("short".getBytes(), 0)).isZero();
  }
}
