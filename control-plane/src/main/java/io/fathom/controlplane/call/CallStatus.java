package io.fathom.controlplane.call;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The life of a call. An async call starts {@code queued}; a sync call starts {@code running} (and
 * an async one becomes running when a worker takes it). It ends {@code succeeded}, {@code failed}
 * or {@code timed-out}. A call whose input fails the input schema is recorded {@code rejected} and
 * never runs. Ended calls never move again.
 */
public enum CallStatus {
  QUEUED("queued"),
  RUNNING("running"),
  SUCCEEDED("succeeded"),
  FAILED("failed"),
  TIMED_OUT("timed-out"),
  REJECTED("rejected");

  private final String wire;

  CallStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public boolean isEnded() {
    return this == SUCCEEDED || this == FAILED || this == TIMED_OUT || this == REJECTED;
  }

  public boolean canMoveTo(CallStatus next) {
    return switch (this) {
      case QUEUED -> next == RUNNING || next == FAILED;
      case RUNNING -> next == SUCCEEDED || next == FAILED || next == TIMED_OUT;
      case SUCCEEDED, FAILED, TIMED_OUT, REJECTED -> false;
    };
  }

  public static CallStatus fromWire(String wire) {
    return Arrays.stream(values())
        .filter(s -> s.wire.equals(wire))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'"
                        + wire
                        + "' is not a call status. Valid statuses are "
                        + Arrays.stream(values())
                            .map(CallStatus::wire)
                            .collect(Collectors.joining(", "))));
  }
}
