package io.fathom.runner.docker;

import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import io.fathom.runner.InstanceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns an {@link InstanceSpec} into what the engine's create call takes: the environment (the
 * spec's plus {@code PORT}), the labels (the spec's plus the two the runner owns), and the host
 * configuration (host network, no restarts, CPU and memory limits, GPUs). Pure, so it is tested
 * without an engine.
 */
final class ContainerSettings {
  /** Marks every container this runner started, whatever else its labels say. */
  static final String MANAGED_LABEL = "io.fathom.managed";

  /** The {@code PORT} the instance was started with: read back by {@link ContainerMapper}. */
  static final String PORT_LABEL = "io.fathom.port";

  private ContainerSettings() {}

  /**
   * {@code KEY=value} pairs, sorted by key. {@code PORT} is the runner's: a {@code PORT} in the
   * spec is replaced, since the instance must listen where the runner will look.
   */
  static List<String> env(InstanceSpec spec) {
    Map<String, String> env = new TreeMap<>(spec.env());
    env.put("PORT", Integer.toString(spec.port()));
    List<String> pairs = new ArrayList<>(env.size());
    env.forEach((key, value) -> pairs.add(key + "=" + value));
    return pairs;
  }

  /** The spec's labels plus {@code io.fathom.managed=true} and {@code io.fathom.port}. */
  static Map<String, String> labels(InstanceSpec spec) {
    Map<String, String> labels = new HashMap<>(spec.labels());
    labels.put(MANAGED_LABEL, "true");
    labels.put(PORT_LABEL, Integer.toString(spec.port()));
    return labels;
  }

  /**
   * Host network (the engine runs without a bridge), no restart policy (the control plane decides
   * what to replace), CPU limit in nano-CPUs, memory limit with swap equal to it (so going over the
   * limit is an OOM kill, not swapping), and one NVIDIA device request when GPUs are asked.
   */
  static HostConfig hostConfig(InstanceSpec.Resources resources) {
    HostConfig host =
        HostConfig.newHostConfig()
            .withNetworkMode("host")
            .withRestartPolicy(RestartPolicy.noRestart())
            .withNanoCPUs(Math.round(resources.cpus() * 1e9))
            .withMemory(resources.memoryBytes())
            .withMemorySwap(resources.memoryBytes())
            .withAutoRemove(false);
    if (resources.gpus() > 0) {
      host.withDeviceRequests(
          List.of(
              new DeviceRequest()
                  .withDriver("nvidia")
                  .withCount(resources.gpus())
                  .withCapabilities(List.of(List.of("gpu")))));
    }
    return host;
  }
}
