package io.fathom.runner;

import java.util.Map;
import java.util.Objects;

/**
 * What to start: an image (a reference or an image id {@code sha256:…}, started as is, never pulled
 * by tag), the port the instance must listen on (passed as {@code PORT}; host networking), its
 * environment (secrets included: never logged), labels (the runner adds {@code
 * io.fathom.managed=true}), and resources.
 *
 * @param name the container name (unique on the engine), e.g. {@code fathom-<deployment>-<n>}
 */
public record InstanceSpec(
    String name,
    String image,
    int port,
    Map<String, String> env,
    Map<String, String> labels,
    Resources resources) {

  public InstanceSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(resources, "resources");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
    env = Map.copyOf(env);
    labels = Map.copyOf(labels);
  }

  /**
   * CPUs (fractional allowed), memory in bytes, GPUs (0, 1 or 2), as the serving size asks.
   *
   * @param label the serving size and GPU as the user named them (for error messages), e.g. {@code
   *     large / nvidia-l4}
   */
  public record Resources(double cpus, long memoryBytes, int gpus, String label) {
    public Resources {
      if (cpus <= 0) {
        throw new IllegalArgumentException("cpus must be positive, got " + cpus);
      }
      if (memoryBytes <= 0) {
        throw new IllegalArgumentException("memoryBytes must be positive, got " + memoryBytes);
      }
      if (gpus < 0) {
        throw new IllegalArgumentException("gpus must not be negative, got " + gpus);
      }
      Objects.requireNonNull(label, "label");
    }
  }
}
