package io.fathom.controlplane.ml.deployments;

import java.util.Arrays;

/**
 * A model deployment's status (document section 8): {@code pending} until its first revision is
 * ready, then {@code running}; {@code failed} when the first revision never got ready. A failed
 * update of a running deployment leaves it running on the old revision (the failure is in its state
 * message). An update of a failed deployment starts it again ({@code pending}).
 */
public enum MlDeploymentStatus {
  PENDING("pending"),
  RUNNING("running"),
  FAILED("failed");

  private final String wire;

  MlDeploymentStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public boolean canMoveTo(MlDeploymentStatus next) {
    return switch (this) {
      case PENDING -> next == RUNNING || next == FAILED;
      case RUNNING -> next == RUNNING;
      case FAILED -> next == PENDING;
    };
  }

  public static MlDeploymentStatus fromWire(String wire) {
    return Arrays.stream(values())
        .filter(s -> s.wire.equals(wire))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown deployment status " + wire));
  }
}
