package io.fathom.runtime.model.infer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where runs go: quick models on the connection's thread, slow ones on the inference pool. */
class RunTimesTest {
  @Test
  void beforeAnyRun_notQuick() {
    assertThat(new RunTimes().quick()).isFalse();
  }

  @Test
  void aSlowWarmup_thenQuickRuns_becomesQuickOnceTheMeanDropsUnderOneMillisecond() {
    RunTimes times = new RunTimes();
    times.record(20_000_000); // a 20 ms warmup
    assertThat(times.quick()).isFalse();
    int runs = 0;
    while (!times.quick()) {
      times.record(50_000);
      runs++;
    }
    // 20 ms decays by 15/16 per run: under 1 ms after about 45 runs of 50 µs.
    assertThat(runs).isBetween(40, 50);
    assertThat(times.meanNanos()).isLessThan(RunTimes.QUICK_NANOS);
  }

  @Test
  void aQuickModelTurningSlow_goesBackToThePool() {
    RunTimes times = new RunTimes();
    times.record(50_000);
    assertThat(times.quick()).isTrue();
    for (int i = 0; i < 3; i++) {
      times.record(10_000_000); // inputs that take 10 ms
    }
    assertThat(times.quick()).isFalse();
  }
}
