package io.fathom.controlplane.instance;

import io.fathom.controlplane.deploy.InstanceState;
import io.fathom.runner.Instance;
import io.fathom.runner.InstanceSpec;
import io.fathom.runner.LogSubscription;
import io.fathom.runner.PortAllocator;
import io.fathom.runner.Runner;
import io.fathom.runner.RunnerException;
import io.micronaut.context.BeanProvider;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live instances of every deployment on this host, one instance per deployment, keyed by
 * deployment id. It starts an instance when a deployment rolls out ({@link #start}) or when a call
 * finds it cold ({@link #acquire}: a cold start), stops instances idle longer than {@code
 * fathom.instances.idle-timeout} unless the deployment keeps a minimum of one, replaces instances
 * that crash, and stops everything of a deployment on {@link #stop}.
 */
@Singleton
public class InstancePool {
  private static final Logger LOG = LoggerFactory.getLogger(InstancePool.class);

  private final Runner runner;
  private final ReadyProbe probe;
  private final InstanceSettings settings;
  private final InstanceLogs logs;
  private final BeanProvider<InstanceListener> listeners;
  private final ConcurrentMap<UUID, Slot> slots = new ConcurrentHashMap<>();
  private final AtomicInteger names = new AtomicInteger();
  private final PortAllocator ports = new PortAllocator();

  /** Set when this process shuts down: from then on the pool touches no instance. */
  private volatile boolean shutDown;

  public InstancePool(
      Runner runner,
      ReadyProbe probe,
      InstanceSettings settings,
      InstanceLogs logs,
      BeanProvider<InstanceListener> listeners) {
    this.runner = runner;
    this.probe = probe;
    this.settings = settings;
    this.logs = logs;
    this.listeners = listeners;
  }

  /** A deployment's place in the pool: its workload and its instance when there is one. */
  private static final class Slot {
    final Workload workload;
    final ReentrantLock lock = new ReentrantLock();
    final AtomicInteger inflight = new AtomicInteger();
    volatile LiveInstance live;
    volatile LogSubscription logs;
    volatile long lastUsedNanos = System.nanoTime();
    volatile boolean closed;

    Slot(Workload workload) {
      this.workload = workload;
    }
  }

  /**
   * Starts a workload's first instance and waits until it is ready. On failure nothing is left
   * running and the workload is not kept.
   */
  public LiveInstance start(Workload workload) throws InstanceException, InterruptedException {
    Slot slot = new Slot(workload);
    if (slots.putIfAbsent(workload.deploymentId(), slot) != null) {
      throw new IllegalStateException(workload + " is already in the pool");
    }
    slot.lock.lock();
    try {
      return startLocked(slot);
    } catch (InstanceException | InterruptedException | RuntimeException e) {
      slots.remove(workload.deploymentId(), slot);
      throw e;
    } finally {
      slot.lock.unlock();
    }
  }

  /**
   * Takes over an instance left running by an earlier control-plane process (reconciliation). The
   * workload's environment is what the instance already has.
   */
  public void adopt(Workload workload, Instance instance) {
    Slot slot = new Slot(workload);
    slot.live = new LiveInstance(instance.id(), instance.port(), instance.startedAt());
    slots.put(workload.deploymentId(), slot);
    slot.logs = logs.attach(workload, slot.live, Instant.now());
  }

  /** Keeps a workload whose instance is not running (a cold deployment found at start-up). */
  public void register(Workload workload) {
    slots.putIfAbsent(workload.deploymentId(), new Slot(workload));
  }

  /** Whether the pool serves the deployment with exactly this instance now. */
  public boolean isInstance(UUID deploymentId, String instanceId) {
    Slot slot = deploymentId == null ? null : slots.get(deploymentId);
    LiveInstance live = slot == null ? null : slot.live;
    return live != null && live.instanceId().equals(instanceId);
  }

  public boolean has(UUID deploymentId) {
    return slots.containsKey(deploymentId);
  }

  public Optional<Workload> workload(UUID deploymentId) {
    return Optional.ofNullable(slots.get(deploymentId)).map(s -> s.workload);
  }

  /**
   * A ready instance for one call: the live one, or a new one started now (a cold start). Release
   * the lease when the call ends.
   */
  public Lease acquire(UUID deploymentId) throws InstanceException, InterruptedException {
    Slot slot = slots.get(deploymentId);
    if (slot == null || slot.closed) {
      throw new InstanceException("not-serving", "The deployment no longer serves calls.");
    }
    slot.inflight.incrementAndGet();
    LiveInstance live = slot.live;
    if (live != null) {
      return new Lease(deploymentId, live, false, 0);
    }
    slot.lock.lock();
    try {
      if (slot.live != null) {
        return new Lease(deploymentId, slot.live, false, 0);
      }
      if (slot.closed) {
        throw new InstanceException("not-serving", "The deployment no longer serves calls.");
      }
      long started = System.nanoTime();
      LiveInstance fresh = startLocked(slot);
      return new Lease(deploymentId, fresh, true, (System.nanoTime() - started) / 1_000_000);
    } catch (InstanceException | InterruptedException | RuntimeException e) {
      slot.inflight.decrementAndGet();
      throw e;
    } finally {
      slot.lock.unlock();
    }
  }

  public void release(Lease lease) {
    Slot slot = slots.get(lease.deploymentId());
    if (slot != null) {
      slot.lastUsedNanos = System.nanoTime();
      slot.inflight.decrementAndGet();
    }
  }

  /**
   * Called when a call could not reach its instance: when the engine says it exited, it is removed,
   * listeners hear why, and the error says why ({@code out-of-memory}, {@code instance-crashed}).
   * Empty when the instance is still running.
   */
  public Optional<InstanceException> checkExited(Lease lease) throws InterruptedException {
    Slot slot = slots.get(lease.deploymentId());
    // The engine may need a moment to record the exit (and the OOM kill) after the socket closed.
    for (int attempt = 0; attempt < 20; attempt++) {
      Optional<Instance> seen;
      try {
        seen = runner.inspect(lease.instance().instanceId());
      } catch (RunnerException e) {
        return Optional.of(new InstanceException(e.code(), e.getMessage(), e));
      }
      if (seen.isEmpty() || !seen.get().running()) {
        InstanceException reason = mask(slot, probe.exited(lease.instance().instanceId(), seen));
        if (slot != null) {
          dropInstance(slot, lease.instance(), reason);
        }
        return Optional.of(reason);
      }
      Thread.sleep(50);
    }
    return Optional.empty();
  }

  /**
   * Replaces a lease's instance (a call that would not stop at its deadline): it is removed now;
   * the next call starts a new one, or the pool does when the deployment keeps one warm.
   */
  public void replace(Lease lease, String reason) {
    Slot slot = slots.get(lease.deploymentId());
    if (slot != null) {
      dropInstance(slot, lease.instance(), new InstanceException("instance-replaced", reason));
    }
  }

  /**
   * Stops and forgets everything of a deployment. In-flight calls lose their instance (the runtime
   * drains for the stop grace first).
   */
  public void stop(UUID deploymentId) {
    Slot slot = slots.remove(deploymentId);
    if (slot == null) {
      return;
    }
    slot.lock.lock();
    try {
      slot.closed = true;
      LiveInstance live = slot.live;
      slot.live = null;
      if (live != null) {
        removeQuietly(slot, live);
      }
    } finally {
      slot.lock.unlock();
    }
  }

  /** Scales idle instances to zero; checks that live instances are still running. */
  @Scheduled(fixedDelay = "1s", initialDelay = "1s")
  void tick() {
    if (shutDown) {
      return;
    }
    long now = System.nanoTime();
    long idleNanos = settings.idleTimeout().toNanos();
    for (Slot slot : slots.values()) {
      LiveInstance live = slot.live;
      if (live == null || slot.closed) {
        if (!slot.closed && slot.workload.minInstances() > 0) {
          restartInBackground(slot);
        }
        continue;
      }
      if (slot.workload.minInstances() == 0
          && slot.inflight.get() == 0
          && now - slot.lastUsedNanos > idleNanos
          && slot.lock.tryLock()) {
        try {
          if (slot.live == live && slot.inflight.get() == 0) {
            slot.live = null;
            removeQuietly(slot, live);
            notifyState(slot, InstanceState.COLD);
          }
        } finally {
          slot.lock.unlock();
        }
        continue;
      }
      watch(slot, live);
    }
  }

  @PreDestroy
  void close() {
    // Instances outlive the control plane on purpose: the next process adopts them. A tick or a
    // call still running while the process stops must not remove them either.
    shutDown = true;
    slots.values().forEach(s -> Optional.ofNullable(s.logs).ifPresent(LogSubscription::close));
  }

  private void watch(Slot slot, LiveInstance live) {
    try {
      Optional<Instance> seen = runner.inspect(live.instanceId());
      if (seen.isEmpty() || !seen.get().running()) {
        InstanceException reason = mask(slot, probe.exited(live.instanceId(), seen));
        dropInstance(slot, live, reason);
      }
    } catch (RunnerException e) {
      LOG.warn(
          "Cannot inspect instance {} of {}: {}", live.instanceId(), slot.workload, e.getMessage());
    }
  }

  private void dropInstance(Slot slot, LiveInstance dead, InstanceException reason) {
    if (shutDown) {
      return;
    }
    slot.lock.lock();
    try {
      if (slot.live != dead) {
        return;
      }
      slot.live = null;
      removeQuietly(slot, dead);
    } finally {
      slot.lock.unlock();
    }
    LOG.warn("Instance {} of {} died: {}", dead.instanceId(), slot.workload, reason.code());
    for (InstanceListener listener : listeners.stream().toList()) {
      listener.crashed(slot.workload.deploymentId(), reason.code(), reason.getMessage());
    }
    notifyState(slot, InstanceState.COLD);
    if (slot.workload.minInstances() > 0) {
      restartInBackground(slot);
    }
  }

  private void restartInBackground(Slot slot) {
    if (!slot.lock.tryLock()) {
      return;
    }
    slot.lock.unlock();
    Thread.ofVirtual()
        .name("instance-restart-" + slot.workload.deploymentId())
        .start(
            () -> {
              slot.lock.lock();
              try {
                if (slot.live == null && !slot.closed) {
                  startLocked(slot);
                }
              } catch (InstanceException e) {
                LOG.warn("Replacing the instance of {} failed: {}", slot.workload, e.getMessage());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                slot.lock.unlock();
              }
            });
  }

  /** Starts an instance under the slot's lock and waits until it is ready. */
  private LiveInstance startLocked(Slot slot) throws InstanceException, InterruptedException {
    Workload w = slot.workload;
    int port = freePort();
    String name = "fathom-" + w.deploymentId() + "-" + names.incrementAndGet();
    InstanceSpec spec = new InstanceSpec(name, w.image(), port, w.env(), w.labels(), w.resources());
    Instance instance;
    try {
      instance = runner.start(spec);
    } catch (RunnerException e) {
      throw new InstanceException(e.code(), SecretMask.apply(e.getMessage(), w.secretValues()), e);
    }
    LiveInstance live = new LiveInstance(instance.id(), port, Instant.now());
    LogSubscription subscription = logs.attach(w, live, null);
    try {
      probe.await(instance.id(), port, w.readyPath(), settings.readyTimeout());
    } catch (InstanceException | InterruptedException | RuntimeException e) {
      subscription.close();
      removeQuietly(null, live);
      if (e instanceof InstanceException ie) {
        throw mask(slot, ie);
      }
      throw e;
    }
    slot.logs = subscription;
    slot.live = live;
    slot.lastUsedNanos = System.nanoTime();
    notifyState(slot, InstanceState.HOT);
    return live;
  }

  private void notifyState(Slot slot, InstanceState state) {
    for (InstanceListener listener : listeners.stream().toList()) {
      listener.stateChanged(slot.workload.deploymentId(), state);
    }
  }

  private void removeQuietly(Slot slot, LiveInstance live) {
    if (slot != null && slot.logs != null) {
      slot.logs.close();
      slot.logs = null;
    }
    try {
      runner.remove(live.instanceId(), settings.stopGrace());
    } catch (RunnerException e) {
      LOG.warn("Cannot remove instance {}: {}", live.instanceId(), e.getMessage());
    }
  }

  private static InstanceException mask(Slot slot, InstanceException e) {
    if (slot == null) {
      return e;
    }
    String masked = SecretMask.apply(e.getMessage(), slot.workload.secretValues());
    return masked.equals(e.getMessage()) ? e : new InstanceException(e.code(), masked, e);
  }

  private int freePort() throws InstanceException {
    try {
      return ports.allocate();
    } catch (RunnerException e) {
      throw new InstanceException(e.code(), e.getMessage(), e);
    }
  }
}
