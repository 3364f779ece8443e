package io.fathom.controlplane.logs.api;

import io.fathom.controlplane.common.ApiException;
import io.fathom.controlplane.function.FunctionService;
import io.fathom.controlplane.logs.LogEntry;
import io.fathom.controlplane.logs.LogStore;
import io.fathom.controlplane.tenancy.FromToken;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * A function's runtime logs as NDJSON {@code {ts, stream, line, callId, deploymentId}}: what is
 * stored, then (with {@code follow=true}) new lines as they arrive, until the client goes away.
 */
@Controller("/api/intelligence/functions/v1/functions/{id}/logs")
@ExecuteOn(TaskExecutors.BLOCKING)
public class LogController {
  private static final int BATCH = 500;
  private static final Duration POLL = Duration.ofMillis(200);
  public static final int MAX_TAIL = 10_000;

  private final FunctionService functions;
  private final LogStore store;
  private final ObjectMapper json;

  LogController(FunctionService functions, LogStore store, ObjectMapper json) {
    this.functions = functions;
    this.store = store;
    this.json = json;
  }

  @Serdeable
  public record LogView(
      Instant ts, String stream, String line, @Nullable String callId, String deploymentId) {}

  @Get(produces = "application/x-ndjson")
  public Publisher<byte[]> logs(
      @FromToken ProjectScope scope,
      UUID id,
      @Nullable @QueryValue Boolean follow,
      @Nullable @QueryValue("call_id") String callId,
      @Nullable @QueryValue String since,
      @Nullable @QueryValue Integer tail) {
    functions.get(scope, id);
    if (tail != null && (tail < 1 || tail > MAX_TAIL)) {
      throw ApiException.badRequest("invalid-tail", "tail must be between 1 and " + MAX_TAIL);
    }
    LogStore.Query first = new LogStore.Query(scope.projectId(), id, 0, uuid(callId), time(since));
    long start = tail == null ? 0 : store.idBeforeLast(first, tail);
    boolean live = Boolean.TRUE.equals(follow);
    return Flux.create(
        sink ->
            Thread.ofVirtual()
                .name("function-logs-" + id)
                .start(() -> pump(first, start, live, sink)));
  }

  private void pump(LogStore.Query query, long after, boolean follow, FluxSink<byte[]> sink) {
    long last = after;
    try {
      while (!sink.isCancelled()) {
        List<LogEntry> lines =
            store.read(
                new LogStore.Query(
                    query.projectId(), query.functionId(), last, query.callId(), query.since()),
                BATCH);
        for (LogEntry e : lines) {
          sink.next(encode(e));
          last = e.id();
        }
        if (lines.size() == BATCH) {
          continue;
        }
        if (!follow) {
          break;
        }
        Thread.sleep(POLL);
      }
      sink.complete();
    } catch (InterruptedException e) {
      sink.complete();
    } catch (RuntimeException e) {
      sink.error(e);
    }
  }

  private byte[] encode(LogEntry e) {
    try {
      byte[] body =
          json.writeValueAsBytes(
              new LogView(
                  e.ts(),
                  e.stream(),
                  e.line(),
                  e.callId() == null ? null : e.callId().toString(),
                  e.deploymentId().toString()));
      byte[] line = new byte[body.length + 1];
      System.arraycopy(body, 0, line, 0, body.length);
      line[body.length] = '\n';
      return line;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static UUID uuid(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid-call-id", "call_id must be a UUID");
    }
  }

  private static Instant time(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "invalid-time", "since must be an ISO-8601 UTC time such as 2026-11-23T08:00:00Z");
    }
  }
}
