package io.fathom.runner;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to start: an image (a reference or an image id {@code sha256:…}, started as is, never pulled
 * by tag), the port the instance must listen on (passed as {@code PORT}; host networking), its
 * environment (secrets included: never logged), labels (the runner adds {@code
 * io.fathom.managed=true}), and resources.
 *
 * @param name the container name (unique on the engine), e.g. {@code fathom-<deployment>-<n>}
 * @param command the process to run instead of the image's own command; empty (the usual case): the
 *     image's entrypoint and command as built
 */
public record InstanceSpec(
    String name,
    String image,
    int port,
    Map<String, String> env,
    Map<String, String> labels,
    Resources resources,
    List<String> command) {

  public InstanceSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(resources, "resources");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
    env = Map.copyOf(env);
    labels = Map.copyOf(labels);
    command = command == null ? List.of() : List.copyOf(command);
  }

  /** An instance that runs its image's own command (what deployments do). */
  public InstanceSpec(
      String name,
      String image,
      int port,
      Map<String, String> env,
      Map<String, String> labels,
      Resources resources) {
    this(name, image, port, env, labels, resources, List.of());
  }

  /** Names the environment variables but never their values: they may be secrets. */
  @Override
  public String toString() {
    return "InstanceSpec[name="
        + name
        + ", image="
        + image
        + ", port="
        + port
        + ", env="
        + new java.util.TreeSet<>(env.keySet())
        + " (values hidden), labels="
        + labels
        + ", resources="
        + resources
        + ", command="
        + (command.isEmpty() ? "(image default)" : command)
        + "]";
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
