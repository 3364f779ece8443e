package io.fathom.runtime.host;

import java.util.Set;

/**
 * Where the host is in its life: {@code STARTING} until {@code init} succeeded, {@code READY} while
 * it takes calls, {@code DRAINING} once it stops taking calls (SIGTERM, or a call that would not
 * stop). The state owns its transitions; {@code /_/ready} reports {@link #label()}.
 */
public enum HostState {
  STARTING("starting"),
  READY("ready"),
  DRAINING("draining");

  private final String label;

  HostState(String label) {
    this.label = label;
  }

  /** The word {@code /_/ready} answers with. */
  public String label() {
    return label;
  }

  public boolean canMoveTo(HostState next) {
    return switch (this) {
      case STARTING -> Set.of(READY, DRAINING).contains(next);
      case READY -> next == DRAINING;
      case DRAINING -> false;
    };
  }

  /** {@code next}, or {@link IllegalStateException} when this state cannot move there. */
  public HostState moveTo(HostState next) {
    if (!canMoveTo(next)) {
      throw new IllegalStateException("the host cannot move from " + this + " to " + next);
    }
    return next;
  }
}
