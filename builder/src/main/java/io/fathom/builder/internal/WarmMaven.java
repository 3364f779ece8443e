package io.fathom.builder.internal;

import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.WarmMavenSettings;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The warm Maven containers of one {@code Builder} ({@link WarmMavenSettings}): one per key (cache
 * scope, local repository volume, builder image, build env, compile script: whatever a cold
 * container of the build would differ in), started by the first build of its key, at most {@code
 * maxContainers} (the least recently used is removed for a new one), each removed after {@code
 * idleTimeout} unused, all removed by {@link #close()}. One build at a time per container: a build
 * whose container is busy, or that would need a new one while all are busy, runs the cold path.
 *
 * <p>A build's time limit or an interrupt (a cancelled build) kills its container, and the next
 * build of the key starts a fresh one. When the daemon misbehaves (it never connects, breaks the
 * protocol, its container was killed) the build is told with a {@code WARN} event and runs the cold
 * path; a compile error is a normal reply and keeps the container.
 */
public final class WarmMaven implements AutoCloseable {
  /** How long a new container's daemon may take to connect (JVM and Maven core start). */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

  private final WarmMavenSettings settings;
  private final CompileRunner runner;
  private final Map<String, Slot> slots = new HashMap<>();
  private ScheduledThreadPoolExecutor scheduler;
  private boolean closed;

  /** A key's container; {@code container} is null until its first build started it. */
  private static final class Slot {
    final String key;
    WarmMavenContainer container;
    boolean busy;
    long lastUsed = System.nanoTime();

    Slot(String key) {
      this.key = key;
    }
  }

  /**
   * What one warm build needs.
   *
   * @param key the container key: builds with the same key may share a container
   * @param spec the container (its mounts, network, environment, limits and labels)
   * @param args Maven's arguments
   * @param source the staged source tree
   * @param outDir where {@code classes/} and {@code lib/} go (an empty host directory)
   * @param timeout the build's time limit
   */
  record Job(
      String key,
      CompileRunner.Spec spec,
      List<String> args,
      StagedTree source,
      Path outDir,
      Duration timeout) {}

  public WarmMaven(WarmMavenSettings settings, CompileRunner runner) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.runner = Objects.requireNonNull(runner, "runner");
  }

  public WarmMavenSettings settings() {
    return settings;
  }

  /**
   * Runs the job in its key's warm container (starting one if needed).
   *
   * @return Maven's exit code, or empty when the build must run the cold path instead
   * @throws BuildException {@code build-timeout} (the container was killed), {@code invalid-source}
   * @throws InterruptedException when the thread was interrupted (the container was killed)
   */
  Optional<Integer> build(Job job, CompileRunner.Output output, Consumer<BuildEvent> events)
      throws BuildException, InterruptedException {
    Slot slot = claim(job.key());
    if (slot == null) {
      events.accept(
          lifecycle(
              "the warm Maven of this build is busy: Maven runs in a fresh builder container"));
      return Optional.empty();
    }
    boolean keep = false;
    try {
      if (slot.container == null) {
        events.accept(lifecycle("starting a warm Maven container for this project's builds"));
        try {
          slot.container = WarmMavenContainer.start(runner, job.spec(), CONNECT_TIMEOUT);
        } catch (MavenDaemonWire.DaemonException e) {
          events.accept(fallback(e.getMessage()));
          return Optional.empty();
        }
      }
      WarmMavenContainer container = slot.container;
      events.accept(
          lifecycle(
              "compile step in the warm Maven (container "
                  + container.name()
                  + ", build "
                  + (container.builds() + 1)
                  + " of its daemon)"));
      AtomicBoolean timedOut = new AtomicBoolean();
      ScheduledFuture<?> killer =
          scheduler()
              .schedule(
                  () -> {
                    timedOut.set(true);
                    container.abort();
                  },
                  job.timeout().toMillis(),
                  TimeUnit.MILLISECONDS);
      try {
        int code = container.build(job.args(), job.source(), job.outDir(), output);
        keep = true;
        return Optional.of(code);
      } catch (BuildException e) {
        keep = true; // the reply was read to its end: the daemon is fine
        throw e;
      } catch (IOException | MavenDaemonWire.DaemonException e) {
        if (timedOut.get()) {
          throw new BuildException(
              "build-timeout",
              "The compile step ran past its "
                  + job.timeout().toSeconds()
                  + " s limit and was stopped.");
        }
        if (Thread.interrupted() || e instanceof ClosedByInterruptException) {
          throw new InterruptedException("the build was interrupted in the warm Maven");
        }
        events.accept(fallback(e.toString()));
        return Optional.empty();
      } finally {
        killer.cancel(false);
      }
    } finally {
      release(slot, keep);
    }
  }

  private static BuildEvent lifecycle(String text) {
    return new BuildEvent.Message(BuildEvent.Level.LIFECYCLE, text);
  }

  private static BuildEvent fallback(String why) {
    return new BuildEvent.Message(
        BuildEvent.Level.WARN,
        "the warm Maven failed (" + why + "): Maven runs in a fresh builder container instead");
  }

  /** The key's slot, marked busy; null when the build must run cold. */
  private synchronized Slot claim(String key) {
    if (closed || !settings.enabled()) {
      return null;
    }
    Slot slot = slots.get(key);
    if (slot != null) {
      if (slot.busy) {
        return null;
      }
      slot.busy = true;
      return slot;
    }
    if (slots.size() >= settings.maxContainers()) {
      Slot oldest = null;
      for (Slot s : slots.values()) {
        if (!s.busy && (oldest == null || s.lastUsed - oldest.lastUsed < 0)) {
          oldest = s;
        }
      }
      if (oldest == null) {
        return null;
      }
      slots.remove(oldest.key);
      closeLater(oldest.container);
    }
    slot = new Slot(key);
    slot.busy = true;
    slots.put(key, slot);
    scheduler();
    return slot;
  }

  private synchronized void release(Slot slot, boolean keep) {
    slot.busy = false;
    slot.lastUsed = System.nanoTime();
    if (!keep || closed || slot.container == null) {
      slots.remove(slot.key, slot);
      WarmMavenContainer container = slot.container;
      slot.container = null;
      if (closed && container != null) {
        container.close();
      } else {
        closeLater(container);
      }
    }
  }

  /** Removes the containers unused for longer than the idle timeout. */
  private void reap() {
    List<WarmMavenContainer> idle = new ArrayList<>();
    synchronized (this) {
      long now = System.nanoTime();
      for (Slot slot : List.copyOf(slots.values())) {
        if (!slot.busy && now - slot.lastUsed > settings.idleTimeout().toNanos()) {
          slots.remove(slot.key);
          if (slot.container != null) {
            idle.add(slot.container);
          }
        }
      }
    }
    idle.forEach(WarmMavenContainer::close);
  }

  private synchronized void closeLater(WarmMavenContainer container) {
    if (container != null) {
      scheduler().execute(container::close);
    }
  }

  /** One daemon thread: time limits, idle removal and container removal off the build's path. */
  private synchronized ScheduledThreadPoolExecutor scheduler() {
    if (scheduler == null) {
      scheduler =
          new ScheduledThreadPoolExecutor(
              1, Thread.ofPlatform().daemon().name("fathom-warm-maven").factory());
      scheduler.setRemoveOnCancelPolicy(true);
      long period =
          Math.clamp(settings.idleTimeout().toMillis() / 4, 200L, Duration.ofMinutes(1).toMillis());
      scheduler.scheduleWithFixedDelay(this::reap, period, period, TimeUnit.MILLISECONDS);
    }
    return scheduler;
  }

  /** Kills and removes every warm container (waiting for it), and stops the pool's thread. */
  @Override
  public void close() {
    List<WarmMavenContainer> all = new ArrayList<>();
    ScheduledThreadPoolExecutor executor;
    synchronized (this) {
      closed = true;
      for (Slot slot : slots.values()) {
        if (slot.container != null) {
          all.add(slot.container);
          if (!slot.busy) {
            slot.container = null;
          }
        }
      }
      slots.values().removeIf(s -> !s.busy);
      executor = scheduler;
    }
    all.forEach(WarmMavenContainer::close);
    if (executor != null) {
      executor.shutdown();
      try {
        executor.awaitTermination(30, TimeUnit.SECONDS); // pending removals
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
