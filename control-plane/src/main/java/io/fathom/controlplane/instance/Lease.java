package io.fathom.controlplane.instance;

import java.util.UUID;

/**
 * One call's hold on an instance, from {@link InstancePool#acquire} to {@link
 * InstancePool#release}: the instance is not scaled to zero while a lease is out.
 *
 * @param coldStart true when the instance was started for this call
 * @param startMs how long starting it took (0 when it was hot)
 */
public record Lease(UUID deploymentId, LiveInstance instance, boolean coldStart, long startMs) {}
