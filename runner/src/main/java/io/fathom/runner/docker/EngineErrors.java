package io.fathom.runner.docker;

import com.github.dockerjava.api.exception.DockerException;
import io.fathom.runner.InstanceSpec;
import io.fathom.runner.RunnerException;
import java.util.Locale;

/**
 * Maps what the engine (or the connection to it) threw into {@link RunnerException} codes. An error
 * the engine answered ({@link DockerException}, it carries an HTTP status) is about this instance;
 * anything else (socket refused, timeout) means the engine is not there.
 */
final class EngineErrors {
  private EngineErrors() {}

  /** A failure while creating or starting the instance {@code name}. */
  static RunnerException startFailure(
      String name, InstanceSpec.Resources resources, RuntimeException e) {
    if (!(e instanceof DockerException)) {
      return unavailable(e);
    }
    return startFailure(name, resources, e.getMessage(), e);
  }

  /** Pure part: what the engine said, when it answered. */
  static RunnerException startFailure(
      String name, InstanceSpec.Resources resources, String engineMessage, Throwable cause) {
    String said = engineMessage == null ? "(no message)" : engineMessage.strip();
    if (resources.gpus() > 0 && mentionsGpu(said)) {
      return new RunnerException(
          "gpu-unavailable",
          "The serving GPU "
              + resources.label()
              + " could not be given to instance "
              + name
              + ": the Docker engine has no usable NVIDIA GPU (it said: "
              + said
              + "). Deploy without a GPU, or on a host with an NVIDIA GPU and the NVIDIA container"
              + " toolkit.",
          cause);
    }
    return new RunnerException(
        "start-failed", "The Docker engine could not start instance " + name + ": " + said, cause);
  }

  /**
   * Docker 20.10 says {@code could not select device driver "nvidia" with capabilities: [[gpu]]}
   * without the NVIDIA toolkit; the toolkit itself fails with {@code nvidia-container-cli: …}.
   */
  static boolean mentionsGpu(String engineMessage) {
    String text = engineMessage.toLowerCase(Locale.ROOT);
    return text.contains("nvidia") || text.contains("device driver") || text.contains("[[gpu]]");
  }

  static RunnerException unavailable(RuntimeException e) {
    return new RunnerException(
        "engine-unavailable",
        "The Docker engine did not answer (is it running? scripts/docker.sh starts it): "
            + e.getMessage(),
        e);
  }
}
