package io.fathom.runner.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import io.fathom.runner.InstanceSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerSettingsTest {
  private static final long MIB = 1024L * 1024;

  private static InstanceSpec spec(Map<String, String> env, Map<String, String> labels, int gpus) {
    return new InstanceSpec(
        "fathom-d-1",
        "sha256:abc",
        41000,
        env,
        labels,
        new InstanceSpec.Resources(1.5, 256 * MIB, gpus, "small"));
  }

  @Test
  void env_addsPort_andThePortCannotBeOverridden() {
    assertThat(ContainerSettings.env(spec(Map.of("B", "2", "A", "1", "PORT", "1"), Map.of(), 0)))
        .containsExactly("A=1", "B=2", "PORT=41000");
  }

  @Test
  void labels_addManagedAndPort_overSpecValues() {
    assertThat(
            ContainerSettings.labels(
                spec(Map.of(), Map.of("io.fathom.deployment", "d", "io.fathom.managed", "x"), 0)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "io.fathom.deployment", "d",
                "io.fathom.managed", "true",
                "io.fathom.port", "41000"));
  }

  @Test
  void hostConfig_hostNetworkLimitsAndNoSwap() {
    HostConfig host = ContainerSettings.hostConfig(spec(Map.of(), Map.of(), 0).resources());
    assertThat(host.getNetworkMode()).isEqualTo("host");
    assertThat(host.getNanoCPUs()).isEqualTo(1_500_000_000L);
    assertThat(host.getMemory()).isEqualTo(256 * MIB);
    assertThat(host.getMemorySwap()).isEqualTo(256 * MIB);
    assertThat(host.getRestartPolicy()).isEqualTo(RestartPolicy.noRestart());
    assertThat(host.getDeviceRequests()).isNullOrEmpty();
  }

  @Test
  void hostConfig_gpusBecomeOneNvidiaDeviceRequest() {
    HostConfig host = ContainerSettings.hostConfig(spec(Map.of(), Map.of(), 2).resources());
    assertThat(host.getDeviceRequests()).hasSize(1);
    DeviceRequest request = host.getDeviceRequests().get(0);
    assertThat(request.getDriver()).isEqualTo("nvidia");
    assertThat(request.getCount()).isEqualTo(2);
    assertThat(request.getCapabilities()).isEqualTo(List.of(List.of("gpu")));
  }
}
