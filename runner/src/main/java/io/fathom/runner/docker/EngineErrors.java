package io.fathom.runner.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;
import io.fathom.runner.InstanceSpec;
import io.fathom.runner.RunnerException;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps what the engine (or the connection to it) threw into {@link RunnerException} codes. An error
 * the engine answered ({@link DockerException}, it carries an HTTP status) is about this instance;
 * anything else (socket refused, timeout) means the engine is not there.
 */
final class EngineErrors {
  private static final Pattern STATUS_PREFIX =
      Pattern.compile("^Status \\d{3}: (.*)$", Pattern.DOTALL);
  private static final ObjectMapper JSON = new ObjectMapper();

  private EngineErrors() {}

  /**
   * The engine's own words: docker-java reports {@code Status 500: {"message":"…"}}; this returns
   * the message, or the text as it came when it has another shape.
   */
  static String engineMessage(String reported) {
    if (reported == null) {
      return "(no message)";
    }
    String text = reported.strip();
    Matcher status = STATUS_PREFIX.matcher(text);
    if (status.matches()) {
      text = status.group(1).strip();
    }
    if (text.startsWith("{")) {
      try {
        JsonNode message = JSON.readTree(text).get("message");
        if (message != null && message.isTextual()) {
          return message.asText().strip();
        }
      } catch (IOException notJson) {
        // keep the text as it came
      }
    }
    return text;
  }

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
    String said = engineMessage(engineMessage);
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
