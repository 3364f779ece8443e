package io.fathom.controlplane.deploy;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The life of a deployment. It starts {@code pending} while its first instance starts; it becomes
 * {@code running} once that instance is ready (and the function's previous running deployment
 * becomes {@code superseded}), or {@code failed} when it never gets ready. A running deployment
 * ends {@code stopped} (undeployed), {@code superseded} (another deployment took the traffic) or
 * {@code failed}. Ended deployments never move again.
 */
public enum DeploymentStatus {
  PENDING("pending"),
  RUNNING("running"),
  FAILED("failed"),
  STOPPED("stopped"),
  SUPERSEDED("superseded");

  private final String wire;

  DeploymentStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public boolean isEnded() {
    return this == FAILED || this == STOPPED || this == SUPERSEDED;
  }

  public boolean canMoveTo(DeploymentStatus next) {
    return switch (this) {
      case PENDING -> next == RUNNING || next == FAILED || next == STOPPED;
      case RUNNING -> next == SUPERSEDED || next == STOPPED || next == FAILED;
      case FAILED, STOPPED, SUPERSEDED -> false;
    };
  }

  public static DeploymentStatus fromWire(String wire) {
    return Arrays.stream(values())
        .filter(s -> s.wire.equals(wire))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'"
                        + wire
                        + "' is not a deployment status. Valid statuses are "
                        + Arrays.stream(values())
                            .map(DeploymentStatus::wire)
                            .collect(Collectors.joining(", "))));
  }
}
