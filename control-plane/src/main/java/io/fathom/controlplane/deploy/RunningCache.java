package io.fathom.controlplane.deploy;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Each function's running deployment as last read from the database, so that a call does not read
 * it again. {@link DeploymentService} forgets a function's entry after every status change it
 * writes (rollout, undeploy, supersede, failure) and clears everything when an instance goes hot or
 * cold, so an answer is never older than the last change this process made. Only this process
 * changes deployments (instances are local to it); the start-up reconciliation runs before any
 * call.
 *
 * <p>A read that races with a change must not put the old answer back after the change forgot it:
 * every change bumps a generation first, and a read only stores its answer when no change happened
 * since it started (checked and stored atomically for its key, against {@link #forget}'s remove).
 */
final class RunningCache {
  private final ConcurrentMap<UUID, Optional<Deployment>> byFunction = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();

  Optional<Deployment> get(UUID functionId, Function<UUID, Optional<Deployment>> read) {
    Optional<Deployment> cached = byFunction.get(functionId);
    if (cached != null) {
      return cached;
    }
    long seen = generation.get();
    Optional<Deployment> fresh = read.apply(functionId);
    byFunction.compute(functionId, (id, current) -> generation.get() == seen ? fresh : current);
    return fresh;
  }

  /** After a change of one function's deployments. */
  void forget(UUID functionId) {
    generation.incrementAndGet();
    byFunction.remove(functionId);
  }

  /** After a change that may concern any function (an instance's hot/cold state). */
  void clear() {
    generation.incrementAndGet();
    byFunction.clear();
  }
}
