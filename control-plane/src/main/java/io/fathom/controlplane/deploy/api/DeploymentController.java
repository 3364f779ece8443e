package io.fathom.controlplane.deploy.api;

import io.fathom.controlplane.common.ApiException;
import io.fathom.controlplane.common.DataEnvelope;
import io.fathom.controlplane.common.PageEnvelope;
import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.deploy.DeploymentService;
import io.fathom.controlplane.tenancy.FromToken;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.UUID;

/** Deployments of a function's builds: deploy (or roll back), history, undeploy. */
@Controller("/api/intelligence/functions/v1/functions/{id}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DeploymentController {
  private final DeploymentService deployments;

  DeploymentController(DeploymentService deployments) {
    this.deployments = deployments;
  }

  /**
   * Deploys a succeeded build; 202 with the pending deployment, which rolls out in the background.
   */
  @Post("/deployments")
  public HttpResponse<DataEnvelope<DeploymentDtos.DeploymentView>> create(
      @FromToken ProjectScope scope,
      UUID id,
      @Nullable @Body DeploymentDtos.CreateDeployment body) {
    if (body == null || body.buildId() == null || body.buildId().isBlank()) {
      throw ApiException.badRequest("missing-build-id", "buildId is required");
    }
    UUID buildId;
    try {
      buildId = UUID.fromString(body.buildId());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid-build-id", "buildId must be a UUID");
    }
    return HttpResponse.accepted()
        .body(
            DataEnvelope.of(
                DeploymentDtos.DeploymentView.of(deployments.deploy(scope, id, buildId))));
  }

  /** The function's deployments, newest first. */
  @Get("/deployments")
  public PageEnvelope<DeploymentDtos.DeploymentView> list(
      @FromToken ProjectScope scope,
      UUID id,
      @Nullable @QueryValue("page_number") Integer pageNumber,
      @Nullable @QueryValue("page_size") Integer pageSize) {
    PageRequest page = PageRequest.of(pageNumber, pageSize);
    DeploymentService.Page found = deployments.list(scope, id, page);
    return PageEnvelope.of(
        found.deployments(), page, found.total(), DeploymentDtos.DeploymentView::of);
  }

  /** Undeploys: the running deployment stops; calls answer {@code not-deployed} after this. */
  @Delete("/deployment")
  public DataEnvelope<DeploymentDtos.DeploymentView> undeploy(
      @FromToken ProjectScope scope, UUID id) {
    return DataEnvelope.of(DeploymentDtos.DeploymentView.of(deployments.undeploy(scope, id)));
  }
}
