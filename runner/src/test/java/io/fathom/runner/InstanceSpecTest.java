package io.fathom.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceSpecTest {
  private static final InstanceSpec.Resources SMALL =
      new InstanceSpec.Resources(1, 512L << 20, 0, "small");

  @Test
  void toString_namesEnvKeysButNeverValues() {
    InstanceSpec spec =
        new InstanceSpec(
            "fathom-x-1", "img", 8080, Map.of("API_KEY", "s3cr3t-value"), Map.of(), SMALL);
    assertThat(spec.toString()).contains("API_KEY").doesNotContain("s3cr3t-value");
  }

  @Test
  void sixArgumentForm_runsTheImageCommand() {
    assertThat(new InstanceSpec("n", "img", 1, Map.of(), Map.of(), SMALL).command()).isEmpty();
  }

  @Test
  void rejects_badPortAndResources() {
    assertThatThrownBy(() -> new InstanceSpec("n", "img", 0, Map.of(), Map.of(), SMALL))
        .hasMessageContaining("port must be 1..65535");
    assertThatThrownBy(() -> new InstanceSpec.Resources(0, 1, 0, "x"))
        .hasMessageContaining("cpus must be positive");
  }
}
