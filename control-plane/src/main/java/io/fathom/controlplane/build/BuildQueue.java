package io.fathom.controlplane.build;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent build queue: queued builds are rows, so they survive a restart. At start, builds a
 * dead process left {@code running} fail with code {@code interrupted}; then at most {@code
 * fathom.builds.concurrency} builds run at once, each on a virtual thread, claimed atomically from
 * {@code queued}. New builds poke the queue; a tick every second catches the rest.
 */
@Singleton
public class BuildQueue {
  private static final Logger LOG = LoggerFactory.getLogger(BuildQueue.class);
  static final String INTERRUPTED = "interrupted";

  private final BuildStore store;
  private final BuildRunner runner;
  private final int concurrency;
  private final Semaphore permits;
  private final Object dispatch = new Object();
  private ScheduledExecutorService ticker;
  private volatile boolean stopped;

  BuildQueue(BuildStore store, BuildRunner runner, BuildSettings settings) {
    this.store = store;
    this.runner = runner;
    this.concurrency = settings.concurrency();
    this.permits = new Semaphore(concurrency);
  }

  @EventListener
  void onStartup(StartupEvent event) {
    start();
  }

  /** Fails what a dead process left running, then starts taking queued builds. */
  public synchronized void start() {
    List<UUID> dead =
        store.failAllRunning(
            INTERRUPTED,
            "The control plane stopped while this build was running; start a new build",
            Instant.now().truncatedTo(ChronoUnit.MICROS));
    for (UUID id : dead) {
      LOG.warn("Build {} was running when the control plane stopped", id);
      BuildLog log = new BuildLog(store, id, List.of());
      log.err("error: the control plane stopped while this build was running (interrupted)");
      log.out(BuildLog.finalLine(BuildStatus.FAILED));
    }
    runner.removeLeftoverContainers();
    if (ticker == null) {
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> Thread.ofPlatform().daemon().name("build-queue").unstarted(r));
      ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }
    poke();
  }

  /** Starts queued builds while there is room. */
  public void poke() {
    if (stopped) {
      return;
    }
    synchronized (dispatch) {
      while (permits.tryAcquire()) {
        UUID id = claimNext();
        if (id == null) {
          permits.release();
          return;
        }
        Thread.ofVirtual().name("build-" + id).start(() -> work(id));
      }
    }
  }

  /** Interrupts the builder of a running build of this process, if there is one. */
  void interrupt(UUID id) {
    runner.cancel(id);
  }

  @PreDestroy
  void stop() {
    stopped = true;
    if (ticker != null) {
      ticker.shutdownNow();
    }
    // Builds left running are failed with "interrupted" by the next start.
    runner.cancelAll();
  }

  private UUID claimNext() {
    for (UUID id : store.queued(concurrency * 4)) {
      if (store.claim(id, Instant.now().truncatedTo(ChronoUnit.MICROS))) {
        return id;
      }
    }
    return null;
  }

  private void work(UUID id) {
    try {
      runner.run(id);
    } catch (InterruptedException e) {
      if (!stopped) {
        runner.interrupted(id);
      }
    } catch (RuntimeException e) {
      if (!stopped) {
        LOG.error("Build {} failed unexpectedly", id, e);
        runner.crashed(id);
      }
    } finally {
      permits.release();
      if (!stopped) {
        poke();
      }
    }
  }

  private void tick() {
    try {
      poke();
    } catch (RuntimeException e) {
      LOG.warn("Build queue: cannot look for queued builds: {}", e.getMessage());
    }
  }
}
