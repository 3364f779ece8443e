package io.fathom.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostStateTest {

  @ParameterizedTest
  @CsvSource({
    "STARTING, STARTING, false",
    "STARTING, READY, true",
    "STARTING, DRAINING, true",
    "READY, STARTING, false",
    "READY, READY, false",
    "READY, DRAINING, true",
    "DRAINING, STARTING, false",
    "DRAINING, READY, false",
    "DRAINING, DRAINING, false"
  })
  void canMoveTo_allowsOnlyForwardMoves(HostState from, HostState to, boolean allowed) {
    assertThat(from.canMoveTo(to)).isEqualTo(allowed);
  }

  @Test
  void moveTo_refusesAnIllegalMove() {
    assertThatThrownBy(() -> HostState.DRAINING.moveTo(HostState.READY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DRAINING to READY");
    assertThat(HostState.READY.moveTo(HostState.DRAINING)).isEqualTo(HostState.DRAINING);
  }

  @Test
  void label_isWhatReadyAnswers() {
    assertThat(HostState.STARTING.label()).isEqualTo("starting");
    assertThat(HostState.READY.label()).isEqualTo("ready");
    assertThat(HostState.DRAINING.label()).isEqualTo("draining");
  }
}
