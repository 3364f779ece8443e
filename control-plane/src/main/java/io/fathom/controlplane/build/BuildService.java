package io.fathom.controlplane.build;

import io.fathom.controlplane.common.ApiException;
import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.function.FunctionEntity;
import io.fathom.controlplane.function.FunctionService;
import io.fathom.controlplane.source.RevisionId;
import io.fathom.controlplane.source.SourceRevision;
import io.fathom.controlplane.source.SourceRevisionRepository;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Queues, reads and cancels builds, always inside one project. */
@Singleton
public class BuildService {
  private static final Logger LOG = LoggerFactory.getLogger(BuildService.class);

  private final FunctionService functions;
  private final SourceRevisionRepository revisions;
  private final BuildStore store;
  private final BuildQueue queue;
  private final BuildEnv buildEnv;
  private final BuildSettings settings;

  BuildService(
      FunctionService functions,
      SourceRevisionRepository revisions,
      BuildStore store,
      BuildQueue queue,
      BuildEnv buildEnv,
      BuildSettings settings) {
    this.functions = functions;
    this.revisions = revisions;
    this.store = store;
    this.queue = queue;
    this.buildEnv = buildEnv;
    this.settings = settings;
  }

  /** A page of builds and the total count. */
  public record Page(List<Build> builds, long total) {}

  /** Queues a build of {@code revision} ({@code vN}; the latest when null or blank). */
  public Build create(
      ProjectScope scope, UUID functionId, @Nullable String revision, boolean autoDeploy) {
    FunctionEntity function = functions.get(scope, functionId);
    int number;
    if (revision == null || revision.isBlank()) {
      if (function.latestRevision() == 0) {
        throw ApiException.conflict(
            "no-revision",
            "Function '"
                + function.name()
                + "' has no source yet; upload it ('fathom i function upload') before building");
      }
      number = function.latestRevision();
    } else {
      number = RevisionId.parse(revision).number();
    }
    SourceRevision found =
        revisions
            .findByFunctionIdAndNumber(function.id(), number)
            .orElseThrow(() -> ApiException.notFound("revision", "v" + number));
    String key =
        ConfigKey.of(
            function.kind(),
            found.digest(),
            buildEnv.of(function),
            settings.baseImage(function.kind()));
    Build build =
        new Build(
            UUID.randomUUID(),
            scope.projectId(),
            function.id(),
            number,
            found.digest(),
            autoDeploy,
            BuildStatus.QUEUED,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            key,
            now(),
            null,
            null,
            null);
    store.insert(build);
    LOG.info("Queued build {} of function {} v{}", build.id(), function.id(), number);
    queue.poke();
    return build;
  }

  public Build get(ProjectScope scope, UUID functionId, UUID buildId) {
    functions.get(scope, functionId);
    return store
        .find(scope.projectId(), functionId, buildId)
        .orElseThrow(() -> ApiException.notFound("build", buildId));
  }

  /** The project's builds, newest first; only those of {@code functionId} when given. */
  public Page list(ProjectScope scope, @Nullable UUID functionId, PageRequest page) {
    if (functionId != null) {
      functions.get(scope, functionId);
    }
    return new Page(
        store.page(scope.projectId(), functionId, page),
        store.count(scope.projectId(), functionId));
  }

  /**
   * Cancels a queued build at once, or a running one (its builder is interrupted).
   *
   * @throws ApiException 409 {@code build-already-finished} when it has ended
   */
  public Build cancel(ProjectScope scope, UUID functionId, UUID buildId) {
    Build build = get(scope, functionId, buildId);
    if (build.status() == BuildStatus.QUEUED
        && store.finish(
            buildId, BuildStatus.QUEUED, BuildStatus.CANCELLED, null, null, null, now())) {
      BuildLog log = new BuildLog(store, buildId, List.of());
      log.out("cancelled before it started");
      log.out(BuildLog.finalLine(BuildStatus.CANCELLED));
      LOG.info("Cancelled queued build {}", buildId);
      return get(scope, functionId, buildId);
    }
    build = get(scope, functionId, buildId);
    if (build.status() == BuildStatus.RUNNING
        && store.finish(
            buildId, BuildStatus.RUNNING, BuildStatus.CANCELLED, null, null, null, now())) {
      queue.interrupt(buildId);
      LOG.info("Cancelled running build {}", buildId);
      return get(scope, functionId, buildId);
    }
    build = get(scope, functionId, buildId);
    throw ApiException.conflict(
        "build-already-finished",
        "Build "
            + buildId
            + " already finished ("
            + build.status().wire()
            + "); only queued or running builds can be cancelled");
  }

  /** Log lines after {@code afterSeq}, at most {@code limit}. */
  public List<BuildLogLine> logs(UUID buildId, int afterSeq, int limit) {
    return store.logs(buildId, afterSeq, limit);
  }

  /**
   * Whether a build (already checked to be in the caller's project) has ended and its log is
   * complete: its last line is the final one, or it ended {@code grace} ago (a process that died
   * mid-build wrote no final line).
   */
  public boolean logComplete(UUID buildId, String lastLine, Duration grace) {
    Build build = store.find(buildId).orElse(null);
    if (build == null) {
      return true;
    }
    if (!build.status().isFinished()) {
      return false;
    }
    return (lastLine != null && BuildLog.isFinalLine(lastLine))
        || build.finishedAt() == null
        || build.finishedAt().plus(grace).isBefore(Instant.now());
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
