package io.fathom.controlplane.build;

import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildRequest;
import io.fathom.builder.api.BuildResult;
import io.fathom.builder.api.BuildTarget;
import io.fathom.builder.api.FunctionKind;
import io.fathom.controlplane.common.ApiException;
import io.fathom.controlplane.function.FunctionEntity;
import io.fathom.controlplane.function.FunctionService;
import io.fathom.controlplane.source.SourceService;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one claimed ({@code running}) build to its end: a cache hit, or the revision unpacked and
 * built by the {@link ImageBuilder} into the local Docker daemon as {@code
 * fathom/fn-<functionId>:<revision>}. Every end is a compare-and-set from {@code running}, so a
 * build cancelled meanwhile stays cancelled.
 */
@Singleton
class BuildRunner {
  private static final Logger LOG = LoggerFactory.getLogger(BuildRunner.class);

  private final BuildStore store;
  private final FunctionService functions;
  private final SourceService sources;
  private final BuildEnv buildEnv;
  private final ImageBuilder builder;
  private final BuildSettings settings;
  private final BuildResults results;
  private final ApplicationEventPublisher<BuildSucceeded> succeeded;
  private final Map<UUID, Future<?>> active = new ConcurrentHashMap<>();

  BuildRunner(
      BuildStore store,
      FunctionService functions,
      SourceService sources,
      BuildEnv buildEnv,
      ImageBuilder builder,
      BuildSettings settings,
      BuildResults results,
      ApplicationEventPublisher<BuildSucceeded> succeeded) {
    this.succeeded = succeeded;
    this.store = store;
    this.functions = functions;
    this.sources = sources;
    this.buildEnv = buildEnv;
    this.builder = builder;
    this.settings = settings;
    this.results = results;
  }

  /**
   * Runs the build.
   *
   * @throws InterruptedException when the thread was interrupted (cancel or shutdown); the caller
   *     decides what that means
   */
  void run(UUID id) throws InterruptedException {
    Build build = store.find(id).orElseThrow(() -> new IllegalStateException("no build " + id));
    MDC.put("functionId", build.functionId().toString());
    MDC.put("buildId", id.toString());
    try {
      FunctionEntity function;
      try {
        function =
            functions.get(new ProjectScope(null, build.projectId(), null), build.functionId());
      } catch (ApiException e) {
        BuildLog log = new BuildLog(store, id, List.of());
        log.err("error: the function was deleted before its build ran (function-not-found)");
        end(id, null, "function-not-found", "The function was deleted before its build ran", log);
        return;
      }
      Map<String, String> env = buildEnv.of(function);
      BuildLog log = new BuildLog(store, id, env.values());
      Optional<Build> hit = store.succeededWithKey(build.functionId(), build.configKey());
      if (hit.isPresent()) {
        reuse(build, hit.get(), log);
        return;
      }
      build(build, function, env, log);
    } finally {
      MDC.remove("functionId");
      MDC.remove("buildId");
    }
  }

  /** Ends a build whose thread was interrupted without a cancel: the process is not stopping. */
  /**
   * Removes builder containers that a control plane which died mid-build left behind. A Docker
   * engine that cannot be reached is logged, not fatal: builds will fail on their own with the
   * builder's error.
   */
  void removeLeftoverContainers() {
    try {
      int removed = builder.removeLeftovers();
      if (removed > 0) {
        LOG.warn("Removed {} builder container(s) left by an interrupted build", removed);
      }
    } catch (BuildException e) {
      LOG.warn("Could not check for leftover builder containers: {}", e.getMessage());
    }
  }

  void interrupted(UUID id) {
    fail(id, "interrupted", "The build was interrupted; start a new build");
  }

  /** Ends a build that failed in an unexpected way (already logged with its cause). */
  void crashed(UUID id) {
    fail(
        id,
        "internal-error",
        "The build failed unexpectedly; the control plane's log has the details");
  }

  /** Fails a running build whose runner has returned: its log gets the error and final line. */
  private void fail(UUID id, String code, String message) {
    if (store.find(id).map(Build::status).orElse(null) != BuildStatus.RUNNING) {
      return;
    }
    BuildLog log = new BuildLog(store, id, List.of());
    log.err("error: " + message + " (" + code + ")");
    end(id, null, code, message, log);
  }

  private void reuse(Build build, Build earlier, BuildLog log) {
    Instant start = Instant.now();
    log.out(
        "cache hit: build "
            + earlier.id()
            + " built "
            + earlier.revision()
            + " with the same configuration; reusing image "
            + earlier.imageDigest());
    Map<String, Long> millis = new LinkedHashMap<>();
    millis.put("cache", Duration.between(start, Instant.now()).toMillis());
    millis.put("total", millis.get("cache"));
    end(
        build.id(),
        new BuildStore.Image(
            earlier.imageReference(),
            earlier.imageDigest(),
            earlier.imageId(),
            earlier.layersJson(),
            results.durationsJson(millis)),
        null,
        null,
        log);
  }

  private void build(Build build, FunctionEntity function, Map<String, String> env, BuildLog log)
      throws InterruptedException {
    String image = "fathom/fn-" + build.functionId() + ":" + build.revision();
    log.out(
        "building "
            + build.revision()
            + " ("
            + function.kind()
            + ", "
            + build.revisionDigest()
            + ") into "
            + image);
    Path dir = null;
    try {
      dir = Files.createTempDirectory("fathom-build-");
      SourceService.Download download =
          sources.download(
              new ProjectScope(null, build.projectId(), null),
              build.functionId(),
              build.revision());
      try (InputStream content = download.content()) {
        SourceUnpacker.unpack(content, dir);
      }
      BuildRequest request =
          BuildRequest.builder(FunctionKind.parse(function.kind()), dir)
              .baseImage(settings.baseImage(function.kind()))
              .target(BuildTarget.daemon(image))
              .cacheDir(settings.cacheDir())
              // Writable build caches (Maven repository, Go/cargo caches, compile outputs) are
              // per project: one project's build can never poison another's.
              .cacheScope(build.projectId().toString())
              .buildEnv(env)
              .revisionDigest(build.revisionDigest())
              .build();
      BuildResult result = buildCancellable(build.id(), request, log);
      log.out("image " + result.imageReference() + " " + result.digest());
      end(
          build.id(),
          new BuildStore.Image(
              result.imageReference(),
              result.digest(),
              result.imageId(),
              results.layersJson(result),
              results.durationsJson(result)),
          null,
          null,
          log);
    } catch (InterruptedException e) {
      if (store.find(build.id()).map(Build::status).orElse(null) == BuildStatus.CANCELLED) {
        log.out(BuildLog.finalLine(BuildStatus.CANCELLED));
        return;
      }
      throw e;
    } catch (BuildException e) {
      if (store.find(build.id()).map(Build::status).orElse(null) == BuildStatus.CANCELLED) {
        log.out(BuildLog.finalLine(BuildStatus.CANCELLED));
        return;
      }
      log.err("error: " + e.getMessage() + " (" + e.code() + ")");
      end(build.id(), null, e.code(), e.getMessage(), log);
    } catch (IOException e) {
      LOG.error("Build {}: cannot prepare the revision's tree", build.id(), e);
      log.err("error: the revision's source could not be unpacked (source-unavailable)");
      end(
          build.id(),
          null,
          "source-unavailable",
          "The revision's source could not be unpacked; try again",
          log);
    } finally {
      if (dir != null) {
        delete(dir);
      }
    }
  }

  /**
   * Runs the builder on a thread of its own, which {@link #cancel} interrupts; this thread only
   * stores its events, so it is never interrupted while it talks to the database.
   *
   * @throws InterruptedException when the builder thread was cancelled
   */
  private BuildResult buildCancellable(UUID id, BuildRequest request, BuildLog log)
      throws BuildException, InterruptedException {
    BlockingQueue<BuildEvent> events = new LinkedBlockingQueue<>();
    FutureTask<BuildResult> task = new FutureTask<>(() -> builder.build(request, events::add));
    active.put(id, task);
    try {
      Thread.ofVirtual().name("builder-" + id).start(task);
      while (!task.isDone()) {
        BuildEvent event = events.poll(100, TimeUnit.MILLISECONDS);
        if (event != null) {
          log(log, event);
        }
      }
      for (BuildEvent event = events.poll(); event != null; event = events.poll()) {
        log(log, event);
      }
      return task.get();
    } catch (CancellationException e) {
      throw new InterruptedException("build " + id + " was cancelled");
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case BuildException b -> throw b;
        case InterruptedException i -> throw i;
        case RuntimeException r -> throw r;
        case Error err -> throw err;
        default -> throw new IllegalStateException(e.getCause());
      }
    } finally {
      active.remove(id);
      if (!task.isDone()) {
        task.cancel(true); // this thread failed (e.g. the function was deleted meanwhile)
      }
    }
  }

  /** Interrupts the builder of a running build of this process, if there is one. */
  void cancel(UUID id) {
    Future<?> task = active.get(id);
    if (task != null) {
      task.cancel(true);
    }
  }

  /** Interrupts every builder (the process is stopping). */
  void cancelAll() {
    active.values().forEach(task -> task.cancel(true));
  }

  private static void log(BuildLog log, BuildEvent event) {
    switch (event) {
      case BuildEvent.StepStarted s -> log.out("step " + s.step() + " started");
      case BuildEvent.StepFinished s ->
          log.out("step " + s.step() + " finished in " + s.duration().toMillis() + " ms");
      case BuildEvent.LayerReady l ->
          log.out(
              "layer "
                  + l.layer().name()
                  + " "
                  + l.layer().digest()
                  + " "
                  + l.layer().sizeBytes()
                  + " B "
                  + (l.layer().reused() ? "reused" : "built"));
      case BuildEvent.Message m -> {
        if (m.level() == BuildEvent.Level.ERROR || m.level() == BuildEvent.Level.WARN) {
          log.err(m.text());
        } else if (m.level() != BuildEvent.Level.DEBUG) {
          log.out(m.text());
        }
      }
    }
  }

  /** Success when {@code image} is given, else failure with the code; no-op if not running. */
  private void end(UUID id, BuildStore.Image image, String code, String message, BuildLog log) {
    BuildStatus to = image == null ? BuildStatus.FAILED : BuildStatus.SUCCEEDED;
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    if (store.finish(id, BuildStatus.RUNNING, to, code, message, image, now)) {
      LOG.info("Build {} {}{}", id, to.wire(), code == null ? "" : " (" + code + ")");
      if (log != null) {
        log.out(BuildLog.finalLine(to));
      }
      if (to == BuildStatus.SUCCEEDED) {
        succeeded.publishEventAsync(new BuildSucceeded(id));
      }
    } else if (log != null) {
      log.out(BuildLog.finalLine(BuildStatus.CANCELLED));
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Cannot remove the build directory {}: {}", dir, e.getMessage());
    }
  }
}
