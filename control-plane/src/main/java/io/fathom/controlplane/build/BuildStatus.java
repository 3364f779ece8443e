package io.fathom.controlplane.build;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The state of a build. A build starts {@code queued}; a worker claims it ({@code running}); it
 * ends {@code succeeded}, {@code failed} or {@code cancelled}, and never moves again. A queued
 * build may be cancelled, or fail without running (its revision vanished).
 */
public enum BuildStatus {
  QUEUED("queued"),
  RUNNING("running"),
  SUCCEEDED("succeeded"),
  FAILED("failed"),
  CANCELLED("cancelled");

  private final String wire;

  BuildStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public boolean isFinished() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }

  public boolean canMoveTo(BuildStatus next) {
    return switch (this) {
      case QUEUED -> next == RUNNING || next == CANCELLED || next == FAILED;
      case RUNNING -> next == SUCCEEDED || next == FAILED || next == CANCELLED;
      case SUCCEEDED, FAILED, CANCELLED -> false;
    };
  }

  /**
   * Checks a move.
   *
   * @throws IllegalStateException when {@link #canMoveTo} says no
   */
  public BuildStatus moveTo(BuildStatus next) {
    if (!canMoveTo(next)) {
      throw new IllegalStateException("a " + wire + " build cannot become " + next.wire);
    }
    return next;
  }

  public static BuildStatus fromWire(String wire) {
    for (BuildStatus status : values()) {
      if (status.wire.equals(wire)) {
        return status;
      }
    }
    throw new IllegalArgumentException(
        "'"
            + wire
            + "' is not a build status. Valid statuses are "
            + Arrays.stream(values()).map(BuildStatus::wire).collect(Collectors.joining(", ")));
  }
}
