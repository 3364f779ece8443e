package io.fathom.controlplane.ml.deployments.api;

import io.fathom.controlplane.logs.LogStore;
import io.fathom.controlplane.logs.api.LogStream;
import io.fathom.controlplane.ml.deployments.MlDeploymentService;
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
 * A model deployment's logs (what its model server instances print: the download, the load, the
 * warmup, the active provider, errors) as NDJSON {@code {ts, stream, line, workloadId}}; {@code
 * workloadId} tells the revisions apart. Like a function's logs: {@code follow}, {@code since},
 * {@code tail}.
 */
@Controller("/api/intelligence/machine-learning/v1/deployments/{id}/logs")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MlDeploymentLogController {
  private final MlDeploymentService deployments;
  private final LogStream stream;

  MlDeploymentLogController(MlDeploymentService deployments, LogStream stream) {
    this.deployments = deployments;
    this.stream = stream;
  }

  @Serdeable
  public record ModelLogView(Instant ts, String stream, String line, String workloadId) {}

  @Get(produces = "application/x-ndjson")
  public Publisher<byte[]> logs(
      @FromToken ProjectScope scope,
      UUID id,
      @Nullable @QueryValue Boolean follow,
      @Nullable @QueryValue String since,
      @Nullable @QueryValue Integer tail) {
    deployments.get(scope, id);
    LogStore.Query query =
        new LogStore.Query(
            LogStore.Owner.MODEL_DEPLOYMENT,
            scope.projectId(),
            id,
            0,
            null,
            LogStream.since(since));
    return stream.ndjson(
        query,
        tail,
        Boolean.TRUE.equals(follow),
        "model-logs-" + id,
        e -> new ModelLogView(e.ts(), e.stream(), e.line(), e.deploymentId().toString()));
  }
}
