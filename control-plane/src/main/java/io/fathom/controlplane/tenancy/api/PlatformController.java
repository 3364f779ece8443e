package io.fathom.controlplane.tenancy.api;

import io.fathom.controlplane.common.ApiException;
import io.fathom.controlplane.common.DataEnvelope;
import io.fathom.controlplane.common.PageEnvelope;
import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.tenancy.ApiTokenRepository;
import io.fathom.controlplane.tenancy.Caller;
import io.fathom.controlplane.tenancy.FromToken;
import io.fathom.controlplane.tenancy.OrganizationRepository;
import io.fathom.controlplane.tenancy.Project;
import io.fathom.controlplane.tenancy.ProjectRepository;
import io.fathom.controlplane.tenancy.TenantAdmin;
import io.fathom.controlplane.tenancy.api.PlatformViews.CreateProject;
import io.fathom.controlplane.tenancy.api.PlatformViews.CreateToken;
import io.fathom.controlplane.tenancy.api.PlatformViews.IssuedTokenView;
import io.fathom.controlplane.tenancy.api.PlatformViews.ProjectView;
import io.fathom.controlplane.tenancy.api.PlatformViews.TokenView;
import io.fathom.controlplane.tenancy.api.PlatformViews.WhoAmI;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.UUID;

/** Identity, projects and tokens: {@code /api/platform/v1}. */
@Controller("/api/platform/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PlatformController {
  private final TenantAdmin admin;
  private final OrganizationRepository organizations;
  private final ProjectRepository projects;
  private final ApiTokenRepository tokens;

  public PlatformController(
      TenantAdmin admin,
      OrganizationRepository organizations,
      ProjectRepository projects,
      ApiTokenRepository tokens) {
    this.admin = admin;
    this.organizations = organizations;
    this.projects = projects;
    this.tokens = tokens;
  }

  @Get("/whoami")
  public DataEnvelope<WhoAmI> whoami(@FromToken Caller caller) {
    String orgName = organizations.findById(caller.organizationId()).map(o -> o.name()).orElse("");
    String projectName =
        caller.projectScoped()
            ? projects.findById(caller.tokenProjectId()).map(Project::name).orElse(null)
            : null;
    return DataEnvelope.of(
        new WhoAmI(
            caller.userId(),
            caller.userName(),
            caller.admin(),
            caller.tokenId(),
            caller.tokenName(),
            caller.organizationId(),
            orgName,
            caller.tokenProjectId(),
            projectName));
  }

  @Get("/projects")
  public PageEnvelope<ProjectView> projects(
      @FromToken Caller caller,
      @Nullable @QueryValue("page_number") Integer pageNumber,
      @Nullable @QueryValue("page_size") Integer pageSize) {
    PageRequest page = PageRequest.of(pageNumber, pageSize);
    Pageable pageable =
        Pageable.from(page.pageNumber() - 1, page.pageSize(), Sort.of(Sort.Order.asc("createdAt")));
    Page<Project> result =
        caller.projectScoped()
            ? projects.findById(caller.tokenProjectId(), pageable)
            : projects.findByOrganizationId(caller.organizationId(), pageable);
    return PageEnvelope.of(result.getContent(), page, result.getTotalSize(), ProjectView::of);
  }

  @Get("/projects/{id}")
  public DataEnvelope<ProjectView> project(@FromToken Caller caller, UUID id) {
    return projects
        .findByIdAndOrganizationId(id, caller.organizationId())
        .filter(p -> !caller.projectScoped() || p.id().equals(caller.tokenProjectId()))
        .map(p -> DataEnvelope.of(ProjectView.of(p)))
        .orElseThrow(() -> ApiException.notFound("project", id));
  }

  @Post("/projects")
  @Status(HttpStatus.CREATED)
  public DataEnvelope<ProjectView> createProject(
      @FromToken Caller caller, @Body CreateProject body) {
    return DataEnvelope.of(
        ProjectView.of(admin.createProject(caller, body.name(), body.description())));
  }

  @Get("/tokens")
  public PageEnvelope<TokenView> tokens(
      @FromToken Caller caller,
      @Nullable @QueryValue("page_number") Integer pageNumber,
      @Nullable @QueryValue("page_size") Integer pageSize) {
    PageRequest page = PageRequest.of(pageNumber, pageSize);
    Pageable pageable =
        Pageable.from(page.pageNumber() - 1, page.pageSize(), Sort.of(Sort.Order.asc("createdAt")));
    var result =
        caller.admin() && !caller.projectScoped()
            ? tokens.findByOrganizationId(caller.organizationId(), pageable)
            : tokens.findByOrganizationIdAndUserId(
                caller.organizationId(), caller.userId(), pageable);
    return PageEnvelope.of(result.getContent(), page, result.getTotalSize(), TokenView::of);
  }

  @Post("/tokens")
  @Status(HttpStatus.CREATED)
  public DataEnvelope<IssuedTokenView> createToken(
      @FromToken Caller caller, @Body CreateToken body) {
    TenantAdmin.IssuedToken issued =
        admin.issueToken(caller, body.name(), body.projectId(), body.expiresInSeconds());
    var t = issued.token();
    return DataEnvelope.of(
        new IssuedTokenView(
            t.id(),
            t.name(),
            t.userId(),
            t.projectId(),
            t.createdAt(),
            t.expiresAt(),
            issued.secret()));
  }

  @Delete("/tokens/{id}")
  public HttpResponse<Void> revokeToken(@FromToken Caller caller, UUID id) {
    admin.revoke(caller, id);
    return HttpResponse.noContent();
  }
}
