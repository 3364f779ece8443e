package io.fathom.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadinessTest {

  @Test
  void describe_exitedWithOomAndTail() {
    Instance dead =
        new Instance(
            "abc", "n", "img", 9000, Instance.State.EXITED, Map.of(), Instant.EPOCH, 137, true);
    Readiness readiness =
        new Readiness(
            Readiness.Outcome.EXITED,
            Duration.ofMillis(300),
            dead,
            List.of(new LogLine(Instant.EPOCH, LogLine.Stream.STDERR, "MemoryError")));
    assertThat(readiness.ready()).isFalse();
    assertThat(readiness.describe())
        .isEqualTo(
            "the instance exited before it was ready (exit code 137): killed for using more"
                + " memory than its serving size allows; last output:\n  stderr: MemoryError");
  }

  @Test
  void describe_timeout() {
    assertThat(
            new Readiness(Readiness.Outcome.TIMED_OUT, Duration.ofSeconds(5), null, null)
                .describe())
        .isEqualTo("not ready after 5000 ms");
  }
}
