package io.fathom.controlplane.instance;

import io.fathom.controlplane.deploy.InstanceState;
import java.util.UUID;

/** Told when a deployment's instance goes hot or cold, or dies on its own. */
public interface InstanceListener {
  void stateChanged(UUID deploymentId, InstanceState state);

  /**
   * The instance exited without being asked ({@code instance-crashed} or {@code out-of-memory});
   * the pool replaces it.
   */
  default void crashed(UUID deploymentId, String code, String message) {}
}
