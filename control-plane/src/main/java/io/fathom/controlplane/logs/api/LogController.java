package io.fathom.controlplane.logs.api;

import io.fathom.controlplane.function.FunctionService;
import io.fathom.controlplane.logs.LogStore;
import io.fathom.controlplane.tenancy.FromToken;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;
import org.reactivestreams.Publisher;

/**
 * A function's runtime logs as NDJSON {@code {ts, stream, line, callId, deploymentId}}: what is
 * stored, then (with {@code follow=true}) new lines as they arrive, until the client goes away.
 */
@Controller("/api/intelligence/functions/v1/functions/{id}/logs")
@ExecuteOn(TaskExecutors.BLOCKING)
public class LogController {
  private final FunctionService functions;
  private final LogStream stream;

  LogController(FunctionService functions, LogStream stream) {
    this.functions = functions;
    this.stream = stream;
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
    LogStore.Query query =
        new LogStore.Query(
            LogStore.Owner.FUNCTION,
            scope.projectId(),
            id,
            0,
            LogStream.callId(callId),
            LogStream.since(since));
    return stream.ndjson(
        query,
        tail,
        Boolean.TRUE.equals(follow),
        "function-logs-" + id,
        e ->
            new LogView(
                e.ts(),
                e.stream(),
                e.line(),
                e.callId() == null ? null : e.callId().toString(),
                e.deploymentId().toString()));
  }
}
