package io.fathom.controlplane.source.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ArchiveLimitsTest {

  @Test
  void defaults_areTenThousandFiles256MibInAll64MibPerFileRatio100() {
    assertThat(ArchiveLimits.defaults())
        .isEqualTo(new ArchiveLimits(10_000, 256L << 20, 64L << 20, 100));
  }

  @Test
  void rejectsLimitsBelowOne() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ArchiveLimits(0, 10, 10, 10))
        .withMessageContaining("maxFiles");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ArchiveLimits(1, 0, 1, 10))
        .withMessageContaining("maxTotalBytes");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ArchiveLimits(1, 10, 0, 10))
        .withMessageContaining("maxFileBytes");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ArchiveLimits(1, 10, 10, 0))
        .withMessageContaining("maxCompressionRatio");
  }

  @Test
  void rejectsPerFileLimitAboveTheTotal() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ArchiveLimits(1, 10, 11, 10))
        .withMessageContaining("maxFileBytes");
  }
}
