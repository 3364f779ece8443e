package io.fathom.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatsTest {

  @Test
  void utc_isTheDocumentsTimestamp_keepingTheFraction() {
    assertThat(Formats.utc("2026-03-25T08:06:17.003811Z"))
        .isEqualTo("2026-03-25 08:06:17.003811 UTC");
    assertThat(Formats.utc("2026-03-25T08:06:17Z")).isEqualTo("2026-03-25 08:06:17 UTC");
  }

  @Test
  void utc_convertsOtherOffsets_andLeavesNonTimestampsAlone() {
    assertThat(Formats.utc("2026-03-25T10:06:17.5+02:00")).isEqualTo("2026-03-25 08:06:17.5 UTC");
    assertThat(Formats.utc("yesterday")).isEqualTo("yesterday");
    assertThat(Formats.utc(null)).isNull();
  }
}
