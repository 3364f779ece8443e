package io.fathom.runner.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.fathom.runner.Instance;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Reads an {@link Instance} out of the engine's container JSON ({@code docker inspect}): state,
 * exit code, OOM kill, start time, and the port from the runner's own label.
 */
final class ContainerMapper {
  /** What the engine reports as the start time of a container that never started. */
  private static final Instant NEVER = Instant.parse("0001-01-01T00:00:00Z");

  private ContainerMapper() {}

  static Instance instance(InspectContainerResponse container) {
    InspectContainerResponse.ContainerState state = container.getState();
    Map<String, String> labels =
        container.getConfig() == null || container.getConfig().getLabels() == null
            ? Map.of()
            : container.getConfig().getLabels();
    Instance.State mapped = state(state == null ? null : state.getStatus());
    String image =
        container.getConfig() != null && container.getConfig().getImage() != null
            ? container.getConfig().getImage()
            : container.getImageId();
    return new Instance(
        container.getId(),
        name(container.getName()),
        image,
        port(labels),
        mapped,
        Map.copyOf(labels),
        state == null ? null : time(state.getStartedAt()),
        mapped == Instance.State.EXITED && state != null ? state.getExitCode() : null,
        state != null && Boolean.TRUE.equals(state.getOOMKilled()));
  }

  /**
   * The engine's status word as one of ours: {@code created} is created; {@code running}, {@code
   * paused} and {@code restarting} hold a process, so running; {@code exited}, {@code dead} and
   * {@code removing} are exited.
   */
  static Instance.State state(String status) {
    if (status == null) {
      return Instance.State.EXITED;
    }
    return switch (status) {
      case "created" -> Instance.State.CREATED;
      case "running", "paused", "restarting" -> Instance.State.RUNNING;
      default -> Instance.State.EXITED;
    };
  }

  /** The port label; 0 for a container without a readable one (not started by this runner). */
  static int port(Map<String, String> labels) {
    String value = labels.get(ContainerSettings.PORT_LABEL);
    if (value == null) {
      return 0;
    }
    try {
      int port = Integer.parseInt(value.trim());
      return port >= 1 && port <= 65535 ? port : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The engine names containers {@code /name}; ours have no slash. */
  static String name(String name) {
    if (name == null) {
      return null;
    }
    return name.startsWith("/") ? name.substring(1) : name;
  }

  /** RFC 3339 with nanoseconds; null for empty or the engine's zero time. */
  static Instant time(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      Instant instant = OffsetDateTime.parse(value).toInstant();
      return instant.equals(NEVER) ? null : instant;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
