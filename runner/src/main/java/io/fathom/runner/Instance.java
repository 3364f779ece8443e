package io.fathom.runner;

import java.time.Instant;
import java.util.Map;

/**
 * An instance as the engine reports it.
 *
 * @param id the engine's id (the container id)
 * @param port the {@code PORT} it was started with (read back from its labels)
 * @param exitCode set once it exited
 * @param oomKilled true when the engine killed it for memory
 */
public record Instance(
    String id,
    String name,
    String image,
    int port,
    State state,
    Map<String, String> labels,
    Instant startedAt,
    Integer exitCode,
    boolean oomKilled) {

  public enum State {
    CREATED,
    RUNNING,
    EXITED
  }

  public boolean running() {
    return state == State.RUNNING;
  }
}
