package io.fathom.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CapacityCheckTest {
  private static final long GIB = 1024L * 1024 * 1024;
  private static final HostCapacity HOST = new HostCapacity(2, 23 * GIB + GIB / 2, 0);

  @Test
  void fittingSize_passes() {
    assertThatCode(
            () -> CapacityCheck.check(new InstanceSpec.Resources(2, 4 * GIB, 0, "medium"), HOST))
        .doesNotThrowAnyException();
  }

  @Test
  void tooManyCpus_namesTheSizeWhatItAsksAndWhatTheHostHas() {
    assertThatThrownBy(
            () -> CapacityCheck.check(new InstanceSpec.Resources(4, 16 * GIB, 0, "large"), HOST))
        .isInstanceOf(RunnerException.class)
        .hasFieldOrPropertyWithValue("code", "size-unavailable")
        .hasMessage(
            "The serving size large asks for 4 CPUs and 16 GiB of memory, but this host has 2 CPUs"
                + " and 23.5 GiB of memory (too few CPUs). Choose a smaller serving size or run on"
                + " a larger host.");
  }

  @Test
  void tooMuchMemory_isSizeUnavailable() {
    assertThatThrownBy(
            () -> CapacityCheck.check(new InstanceSpec.Resources(0.5, 64 * GIB, 0, "xlarge"), HOST))
        .hasFieldOrPropertyWithValue("code", "size-unavailable")
        .hasMessageContaining("asks for 0.5 CPUs and 64 GiB")
        .hasMessageContaining("(too little memory)");
  }

  @Test
  void gpuOnHostWithoutGpus_isGpuUnavailableNamingTheLabel() {
    assertThatThrownBy(
            () ->
                CapacityCheck.check(
                    new InstanceSpec.Resources(1, GIB, 1, "small / nvidia-l4"), HOST))
        .hasFieldOrPropertyWithValue("code", "gpu-unavailable")
        .hasMessageStartingWith("The serving GPU small / nvidia-l4 asks for 1 GPU, but this host's")
        .hasMessageContaining("no NVIDIA GPU runtime");
  }

  @Test
  void moreGpusThanTheHostHas_namesBothCounts() {
    assertThatThrownBy(
            () ->
                CapacityCheck.check(
                    new InstanceSpec.Resources(1, GIB, 2, "large / 2x h100"),
                    new HostCapacity(16, 128 * GIB, 1)))
        .hasFieldOrPropertyWithValue("code", "gpu-unavailable")
        .hasMessageContaining("asks for 2 GPUs, but this host has 1 GPU.");
  }

  @Test
  void formats_cpusAndBytes() {
    assertThat(CapacityCheck.cpus(1)).isEqualTo("1 CPU");
    assertThat(CapacityCheck.cpus(0.25)).isEqualTo("0.25 CPUs");
    assertThat(CapacityCheck.bytes(512L * 1024 * 1024)).isEqualTo("512 MiB");
    assertThat(CapacityCheck.bytes(GIB + GIB / 2)).isEqualTo("1.5 GiB");
    assertThat(CapacityCheck.bytes(100)).isEqualTo("100 bytes");
  }
}
