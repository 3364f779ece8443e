package io.fathom.runner.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Info;
import io.fathom.runner.HostCapacity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineCapacityTest {

  @Test
  void cpusAndMemory_fromInfo() {
    Info info = new Info().withNCPU(16).withMemTotal(128L << 30);
    assertThat(EngineCapacity.from(info, 2)).isEqualTo(new HostCapacity(16, 128L << 30, 2));
  }

  @Test
  void nvidiaRuntime_isRecognised() {
    assertThat(EngineCapacity.gpuRuntime(Map.of("runc", 1, "nvidia", 2))).isTrue();
    assertThat(EngineCapacity.gpuRuntime(Map.of("runc", 1, "io.containerd.runc.v2", 2))).isFalse();
    assertThat(EngineCapacity.gpuRuntime(null)).isFalse();
  }

  @Test
  void nvidiaSmiList_countsGpuLines() {
    assertThat(
            EngineCapacity.countGpuLines(
                "GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-1)\n"
                    + "GPU 1: NVIDIA H100 80GB HBM3 (UUID: GPU-2)\n"
                    + "  MIG 1g.10gb Device 0: (UUID: MIG-3)\n"))
        .isEqualTo(2);
    assertThat(EngineCapacity.countGpuLines("")).isZero();
  }
}
