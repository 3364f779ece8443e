package io.fathom.controlplane.logs.api;

import io.fathom.controlplane.common.ApiException;
import io.fathom.controlplane.logs.LogEntry;
import io.fathom.controlplane.logs.LogStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Stored instance output as NDJSON, one view object per line: what is stored (or its last {@code
 * tail} lines), then, when following, new lines as they arrive until the client goes away. Shared
 * by the function and model deployment log endpoints, with their query parameters' parsing.
 */
@Singleton
public class LogStream {
  private static final int BATCH = 500;
  private static final Duration POLL = Duration.ofMillis(200);
  public static final int MAX_TAIL = 10_000;

  private final LogStore store;
  private final ObjectMapper json;

  LogStream(LogStore store, ObjectMapper json) {
    this.store = store;
    this.json = json;
  }

  /**
   * The lines {@code query} matches, each as {@code view} of it; {@code tail} (1 to {@value
   * #MAX_TAIL}) keeps only the last lines stored so far.
   */
  public Publisher<byte[]> ndjson(
      LogStore.Query query,
      @Nullable Integer tail,
      boolean follow,
      String threadName,
      Function<LogEntry, Object> view) {
    if (tail != null && (tail < 1 || tail > MAX_TAIL)) {
      throw ApiException.badRequest("invalid-tail", "tail must be between 1 and " + MAX_TAIL);
    }
    long start = tail == null ? query.afterId() : store.idBeforeLast(query, tail);
    return Flux.create(
        sink ->
            Thread.ofVirtual()
                .name(threadName)
                .start(() -> pump(query.after(start), follow, view, sink)));
  }

  private void pump(
      LogStore.Query query,
      boolean follow,
      Function<LogEntry, Object> view,
      FluxSink<byte[]> sink) {
    LogStore.Query next = query;
    try {
      while (!sink.isCancelled()) {
        List<LogEntry> lines = store.read(next, BATCH);
        for (LogEntry e : lines) {
          sink.next(encode(view.apply(e)));
          next = next.after(e.id());
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

  private byte[] encode(Object view) {
    try {
      byte[] body = json.writeValueAsBytes(view);
      byte[] line = new byte[body.length + 1];
      System.arraycopy(body, 0, line, 0, body.length);
      line[body.length] = '\n';
      return line;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** A {@code call_id} query value: a UUID or nothing. */
  public static @Nullable UUID callId(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid-call-id", "call_id must be a UUID");
    }
  }

  /** A {@code since} query value: an ISO-8601 instant or nothing. */
  public static @Nullable Instant since(@Nullable String value) {
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
