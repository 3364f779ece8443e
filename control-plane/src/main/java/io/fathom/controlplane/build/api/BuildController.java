package io.fathom.controlplane.build.api;

import io.fathom.controlplane.build.Build;
import io.fathom.controlplane.build.BuildResults;
import io.fathom.controlplane.build.BuildService;
import io.fathom.controlplane.common.ApiException;
import io.fathom.controlplane.common.DataEnvelope;
import io.fathom.controlplane.common.PageEnvelope;
import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.tenancy.FromToken;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.UUID;
import org.reactivestreams.Publisher;

/** Builds of a function's revisions: queue, list, read, logs, cancel. */
@Controller("/api/intelligence/functions/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class BuildController {
  public static final String NDJSON = "application/x-ndjson";

  private final BuildService builds;
  private final BuildResults results;
  private final BuildLogStream logStream;

  BuildController(BuildService builds, BuildResults results, BuildLogStream logStream) {
    this.builds = builds;
    this.results = results;
    this.logStream = logStream;
  }

  /** Queues a build; 202 with the build, which runs in the background. */
  @Post("/functions/{id}/builds")
  public HttpResponse<DataEnvelope<BuildDtos.BuildView>> create(
      @FromToken ProjectScope scope, UUID id, @Nullable @Body BuildDtos.CreateBuild body) {
    String revision = body == null ? null : body.revision();
    boolean autoDeploy = body != null && Boolean.TRUE.equals(body.autoDeploy());
    return HttpResponse.accepted().body(view(builds.create(scope, id, revision, autoDeploy)));
  }

  /** The project's builds, newest first; {@code function_id} narrows to one function. */
  @Get("/builds")
  public PageEnvelope<BuildDtos.BuildView> listAll(
      @FromToken ProjectScope scope,
      @Nullable @QueryValue("function_id") String functionId,
      @Nullable @QueryValue("page_number") Integer pageNumber,
      @Nullable @QueryValue("page_size") Integer pageSize) {
    return page(scope, functionId == null ? null : uuid(functionId), pageNumber, pageSize);
  }

  @Get("/functions/{id}/builds")
  public PageEnvelope<BuildDtos.BuildView> list(
      @FromToken ProjectScope scope,
      UUID id,
      @Nullable @QueryValue("page_number") Integer pageNumber,
      @Nullable @QueryValue("page_size") Integer pageSize) {
    return page(scope, id, pageNumber, pageSize);
  }

  @Get("/functions/{id}/builds/{buildId}")
  public DataEnvelope<BuildDtos.BuildView> get(
      @FromToken ProjectScope scope, UUID id, UUID buildId) {
    return view(builds.get(scope, id, buildId));
  }

  /**
   * The build's log as NDJSON lines {@code {ts, stream, line}}: complete once it has ended; with
   * {@code follow=true}, live until it ends.
   */
  @Get(uri = "/functions/{id}/builds/{buildId}/logs", produces = NDJSON)
  public Publisher<byte[]> logs(
      @FromToken ProjectScope scope,
      UUID id,
      UUID buildId,
      @Nullable @QueryValue("follow") Boolean follow) {
    Build build = builds.get(scope, id, buildId);
    return logStream.stream(build.id(), Boolean.TRUE.equals(follow));
  }

  @Post("/functions/{id}/builds/{buildId}/cancel")
  public DataEnvelope<BuildDtos.BuildView> cancel(
      @FromToken ProjectScope scope, UUID id, UUID buildId) {
    return view(builds.cancel(scope, id, buildId));
  }

  private PageEnvelope<BuildDtos.BuildView> page(
      ProjectScope scope, UUID functionId, Integer pageNumber, Integer pageSize) {
    PageRequest page = PageRequest.of(pageNumber, pageSize);
    BuildService.Page result = builds.list(scope, functionId, page);
    return PageEnvelope.of(
        result.builds(), page, result.total(), b -> BuildDtos.BuildView.of(b, results));
  }

  private DataEnvelope<BuildDtos.BuildView> view(Build build) {
    return DataEnvelope.of(BuildDtos.BuildView.of(build, results));
  }

  private static UUID uuid(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "invalid-function-id",
          "function_id must be a function's id (a UUID), got '" + text + "'");
    }
  }
}
