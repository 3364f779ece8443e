package io.fathom.controlplane.mlflow.registry.api;

import io.fathom.controlplane.mlflow.registry.ModelVersionView;
import io.fathom.controlplane.mlflow.registry.SearchPage;
import io.fathom.controlplane.mlflow.registry.VersionService;
import io.fathom.controlplane.mlflow.registry.VersionService.NewVersion;
import io.fathom.controlplane.mlflow.registry.api.RegistryDtos.DownloadUri;
import io.fathom.controlplane.mlflow.registry.api.RegistryDtos.Empty;
import io.fathom.controlplane.mlflow.registry.api.RegistryDtos.ModelVersionDto;
import io.fathom.controlplane.mlflow.registry.api.RegistryDtos.ModelVersionResponse;
import io.fathom.controlplane.mlflow.registry.api.RegistryDtos.ModelVersionsPage;
import io.fathom.controlplane.tenancy.FromToken;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;

/** MLflow's model-version endpoints ({@code /api/2.0/mlflow/model-versions/…}). */
@Hidden
@Controller("/api/2.0/mlflow/model-versions")
@ExecuteOn(TaskExecutors.BLOCKING)
class ModelVersionController {
  private final VersionService versions;
  private final JsonMapper json;

  ModelVersionController(VersionService versions, JsonMapper json) {
    this.versions = versions;
    this.json = json;
  }

  @Post("/create")
  ModelVersionResponse create(
      @FromToken ProjectScope scope, HttpRequest<?> request, @Nullable @Body String body) {
    MlflowParams p = params(request, body);
    NewVersion version =
        new NewVersion(
            p.string("name"),
            p.string("source"),
            p.string("run_id"),
            p.string("model_id"),
            p.string("run_link"),
            p.string("description"),
            p.tags());
    return response(versions.create(scope.projectId(), version, String.valueOf(scope.userId())));
  }

  @Get("/get")
  ModelVersionResponse get(@FromToken ProjectScope scope, HttpRequest<?> request) {
    MlflowParams p = params(request, null);
    return response(versions.get(scope.projectId(), p.string("name"), p.string("version")));
  }

  @Get("/get-download-uri")
  DownloadUri downloadUri(@FromToken ProjectScope scope, HttpRequest<?> request) {
    MlflowParams p = params(request, null);
    return new DownloadUri(
        versions.downloadUri(scope.projectId(), p.string("name"), p.string("version")));
  }

  @Get("/search")
  ModelVersionsPage search(@FromToken ProjectScope scope, HttpRequest<?> request) {
    return searchPage(scope, params(request, null));
  }

  @Post("/search")
  ModelVersionsPage searchPost(
      @FromToken ProjectScope scope, HttpRequest<?> request, @Nullable @Body String body) {
    return searchPage(scope, params(request, body));
  }

  @Patch("/update")
  ModelVersionResponse update(
      @FromToken ProjectScope scope, HttpRequest<?> request, @Nullable @Body String body) {
    MlflowParams p = params(request, body);
    return response(
        versions.update(
            scope.projectId(), p.string("name"), p.string("version"), p.string("description")));
  }

  @Post("/transition-stage")
  ModelVersionResponse transition(
      @FromToken ProjectScope scope, HttpRequest<?> request, @Nullable @Body String body) {
    MlflowParams p = params(request, body);
    return response(
        versions.transition(
            scope.projectId(),
            p.string("name"),
            p.string("version"),
            p.string("stage"),
            p.bool("archive_existing_versions")));
  }

  @Delete("/delete")
  Empty delete(@FromToken ProjectScope scope, HttpRequest<?> request, @Nullable @Body String body) {
    MlflowParams p = params(request, body);
    versions.delete(scope.projectId(), p.string("name"), p.string("version"));
    return Empty.INSTANCE;
  }

  @Post("/set-tag")
  Empty setTag(@FromToken ProjectScope scope, HttpRequest<?> request, @Nullable @Body String body) {
    MlflowParams p = params(request, body);
    versions.setTag(
        scope.projectId(),
        p.string("name"),
        p.string("version"),
        p.string("key"),
        p.string("value"));
    return Empty.INSTANCE;
  }

  @Delete("/delete-tag")
  Empty deleteTag(
      @FromToken ProjectScope scope, HttpRequest<?> request, @Nullable @Body String body) {
    MlflowParams p = params(request, body);
    versions.deleteTag(scope.projectId(), p.string("name"), p.string("version"), p.required("key"));
    return Empty.INSTANCE;
  }

  private ModelVersionsPage searchPage(ProjectScope scope, MlflowParams p) {
    SearchPage<ModelVersionView> page =
        versions.search(
            scope.projectId(),
            p.string("filter"),
            p.integer("max_results"),
            p.list("order_by"),
            p.string("page_token"));
    return new ModelVersionsPage(
        page.items().stream().map(ModelVersionDto::of).toList(), page.nextPageToken());
  }

  private MlflowParams params(HttpRequest<?> request, @Nullable String body) {
    return MlflowParams.of(request, body, json);
  }

  private static ModelVersionResponse response(ModelVersionView view) {
    return new ModelVersionResponse(ModelVersionDto.of(view));
  }
}
