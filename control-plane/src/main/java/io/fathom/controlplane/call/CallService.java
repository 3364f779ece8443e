package io.fathom.controlplane.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fathom.controlplane.common.ApiException;
import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.deploy.Deployment;
import io.fathom.controlplane.deploy.DeploymentService;
import io.fathom.controlplane.function.FunctionCache;
import io.fathom.controlplane.function.FunctionEntity;
import io.fathom.controlplane.function.FunctionService;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Calls of a function: checks (size, JSON, input schema: all before anything wakes up), idempotency
 * keys, then a sync call runs here and an async one is queued for {@link CallQueue}.
 */
@Singleton
public class CallService {
  public static final int MAX_KEY_LENGTH = 255;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT_POLL = Duration.ofMillis(20);
  private static final Duration READ_YOUR_WRITES_WAIT = Duration.ofSeconds(5);

  private final FunctionService functions;
  private final FunctionCache functionCache;
  private final DeploymentService deployments;
  private final CallStore store;
  private final CallRecorder recorder;
  private final CallExecutor executor;
  private final CallQueue queue;
  private final SchemaValidator schemas;
  private final CallSettings settings;

  public CallService(
      FunctionService functions,
      FunctionCache functionCache,
      DeploymentService deployments,
      CallStore store,
      CallRecorder recorder,
      CallExecutor executor,
      CallQueue queue,
      SchemaValidator schemas,
      CallSettings settings) {
    this.functions = functions;
    this.functionCache = functionCache;
    this.deployments = deployments;
    this.store = store;
    this.recorder = recorder;
    this.executor = executor;
    this.queue = queue;
    this.schemas = schemas;
    this.settings = settings;
  }

  /** What a client asked for. {@code timeoutSeconds} may only shorten the function's timeout. */
  public record CallRequest(
      byte[] body,
      CallMode mode,
      @Nullable String idempotencyKey,
      @Nullable Integer timeoutSeconds,
      @Nullable UUID scheduleId) {}

  /** A page of calls and the total count. */
  public record Page(List<Call> calls, long total) {}

  public Call create(ProjectScope scope, UUID functionId, CallRequest request)
      throws InterruptedException {
    return create(functionCache.get(scope, functionId), request);
  }

  /** For the platform's own callers (schedules): the function is already known. */
  public Call create(FunctionEntity function, CallRequest request) throws InterruptedException {
    int limit = settings.maxInputBytes(request.mode());
    if (request.body().length > limit) {
      throw ApiException.tooLarge(
          "payload-too-large",
          "The input is "
              + request.body().length
              + " bytes; a "
              + request.mode().wire()
              + " call takes at most "
              + limit
              + " bytes");
    }
    JsonNode input = parse(request.body());
    int timeout = timeout(function, request.timeoutSeconds());
    String key = key(request.idempotencyKey());
    String text = input.toString();
    String hash = sha256(text);
    if (key != null) {
      Optional<Call> earlier = store.byKey(function.id(), key);
      if (earlier.isPresent()) {
        return replay(earlier.get(), hash, request.mode());
      }
    }
    Instant now = now();
    Optional<String> violations = schemas.violations(function.schemaInput(), input);
    if (violations.isPresent()) {
      String message = "The input does not match the function's input schema: " + violations.get();
      Call rejected =
          call(function, request, key, hash, null, null, CallStatus.REJECTED, timeout, now)
              .withError("input-schema-violation", message, now);
      insertOrReplay(rejected, request.mode());
      throw ApiException.unprocessable("input-schema-violation", message);
    }
    Deployment deployment =
        deployments
            .running(function.id())
            .orElseThrow(
                () ->
                    ApiException.conflict(
                        "not-deployed",
                        "Function '"
                            + function.name()
                            + "' has no running deployment; deploy a build first ('fathom i"
                            + " function deploy')"));
    if (request.mode() == CallMode.ASYNC) {
      Call queued = call(function, request, key, hash, text, null, CallStatus.QUEUED, timeout, now);
      Optional<Call> other = insertOrReplay(queued, request.mode());
      if (other.isPresent()) {
        return other.get();
      }
      queue.poke();
      return queued;
    }
    Call running =
        call(function, request, key, hash, null, deployment.id(), CallStatus.RUNNING, timeout, now);
    if (recordsBehind(running)) {
      return runRecordedBehind(running, deployment, text, function.schemaOutput());
    }
    Optional<Call> other = insertOrReplay(running, request.mode());
    if (other.isPresent()) {
      return other.get();
    }
    CallOutcome outcome;
    try {
      outcome = execute(running, deployment, text, function.schemaOutput());
    } catch (InterruptedException e) {
      finish(running, CallOutcome.failed("interrupted", "The control plane is stopping"));
      throw e;
    }
    return finish(running, outcome);
  }

  /**
   * Whether a sync call's record is written after its answer ({@link CallRecorder}): only when it
   * has no idempotency key and no schedule (those must be in the database before they run) and
   * {@code fathom.calls.record-after-answer} is on.
   */
  private boolean recordsBehind(Call running) {
    return settings.recordAfterAnswer()
        && running.idempotencyKey() == null
        && running.scheduleId() == null;
  }

  private Call runRecordedBehind(
      Call running, Deployment deployment, String input, String outputSchema)
      throws InterruptedException {
    recorder.started(running);
    CallOutcome outcome;
    try {
      outcome = execute(running, deployment, input, outputSchema);
    } catch (InterruptedException e) {
      recorder.ended(
          ended(running, CallOutcome.failed("interrupted", "The control plane is stopping")));
      throw e;
    } catch (RuntimeException e) {
      recorder.ended(
          ended(
              running, CallOutcome.failed("internal-error", "The call failed: " + e.getMessage())));
      throw e;
    }
    Call ended = ended(running, outcome);
    recorder.ended(ended);
    return ended;
  }

  private CallOutcome execute(Call running, Deployment deployment, String input, String schema)
      throws InterruptedException {
    long deadline = running.createdAt().toEpochMilli() + running.timeoutSeconds() * 1000L;
    return executor.execute(
        new CallExecutor.Request(running.id(), deployment.id(), input, deadline, schema));
  }

  private static Call ended(Call running, CallOutcome outcome) {
    Instant end = now();
    return running.ended(outcome, Duration.between(running.createdAt(), end).toMillis(), end);
  }

  public Call get(ProjectScope scope, UUID functionId, UUID callId) {
    functions.get(scope, functionId);
    return recorder
        .find(scope.projectId(), functionId, callId)
        .or(() -> store.find(scope.projectId(), functionId, callId))
        .orElseThrow(() -> ApiException.notFound("call", callId));
  }

  /** A page of calls; the sync calls this process answered before are in it (read your writes). */
  public Page list(ProjectScope scope, UUID functionId, CallStore.Query query, PageRequest page)
      throws InterruptedException {
    functions.get(scope, functionId);
    recorder.awaitWritten(READ_YOUR_WRITES_WAIT);
    return new Page(
        store.page(scope.projectId(), functionId, query, page),
        store.count(scope.projectId(), functionId, query));
  }

  /**
   * Ends a running call and returns it as stored. When this process moved it, the row is what it
   * wrote, so it is built in memory (no read back); otherwise (ended elsewhere meanwhile) it is
   * read.
   */
  Call finish(Call call, CallOutcome outcome) {
    Instant end = now();
    long duration = Duration.between(call.createdAt(), end).toMillis();
    if (store.finish(call.id(), CallStatus.RUNNING, outcome, duration, end)) {
      return call.ended(outcome, duration, end);
    }
    return store.find(call.id()).orElseThrow();
  }

  /** Inserts the call; when a concurrent retry with the same key won, answers as a replay. */
  private Optional<Call> insertOrReplay(Call call, CallMode mode) throws InterruptedException {
    try {
      store.insert(call);
      return Optional.empty();
    } catch (RuntimeException e) {
      if (call.idempotencyKey() == null) {
        throw e;
      }
      Optional<Call> winner = store.byKey(call.functionId(), call.idempotencyKey());
      if (winner.isEmpty()) {
        throw e;
      }
      return Optional.of(replay(winner.get(), call.inputHash(), mode));
    }
  }

  /**
   * The call an idempotency key already made: the same body gets that call (a sync request waits
   * for it to end), another body is a conflict.
   */
  private Call replay(Call earlier, String hash, CallMode mode) throws InterruptedException {
    if (!earlier.inputHash().equals(hash)) {
      throw ApiException.conflict(
          "idempotency-key-reused",
          "Idempotency-Key was already used for call "
              + earlier.id()
              + " with a different body; use a new key for a new call");
    }
    if (earlier.status() == CallStatus.REJECTED) {
      throw ApiException.unprocessable("input-schema-violation", earlier.errorMessage());
    }
    if (mode == CallMode.ASYNC || earlier.status().isEnded()) {
      return earlier;
    }
    long waitUntil =
        System.currentTimeMillis()
            + earlier.timeoutSeconds() * 1000L
            + CallExecutor.DEADLINE_SLACK.toMillis()
            + 30_000;
    Call current = earlier;
    while (!current.status().isEnded() && System.currentTimeMillis() < waitUntil) {
      Thread.sleep(WAIT_POLL);
      current = store.find(earlier.id()).orElse(current);
    }
    return current;
  }

  private Call call(
      FunctionEntity function,
      CallRequest request,
      String key,
      String hash,
      String storedInput,
      UUID deploymentId,
      CallStatus status,
      int timeout,
      Instant now) {
    boolean running = status == CallStatus.RUNNING;
    return new Call(
        UUID.randomUUID(),
        function.projectId(),
        function.id(),
        deploymentId,
        request.scheduleId(),
        status,
        request.mode(),
        key,
        hash,
        storedInput,
        null,
        null,
        null,
        timeout,
        false,
        running ? 0L : null,
        null,
        null,
        null,
        now,
        running ? now : null,
        null);
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw ApiException.badRequest(
          "invalid-json", "The call's body must be the input JSON (send {} for no input)");
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      String detail = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      throw ApiException.badRequest("invalid-json", "The call's body is not valid JSON: " + detail);
    }
  }

  private static int timeout(FunctionEntity function, @Nullable Integer asked) {
    int max = function.servingTimeoutSeconds();
    if (asked == null) {
      return max;
    }
    if (asked < 1 || asked > max) {
      throw ApiException.badRequest(
          "invalid-timeout",
          "X-Fathom-Timeout-Seconds must be between 1 and the function's timeout ("
              + max
              + " s), got "
              + asked);
    }
    return asked;
  }

  private static String key(@Nullable String key) {
    if (key == null || key.isEmpty()) {
      return null;
    }
    if (key.length() > MAX_KEY_LENGTH) {
      throw ApiException.badRequest(
          "invalid-idempotency-key",
          "Idempotency-Key is at most " + MAX_KEY_LENGTH + " characters");
    }
    return key;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
