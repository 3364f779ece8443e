package io.fathom.controlplane.mlflow.registry.api;

import io.fathom.controlplane.mlflow.registry.RegisteredModelView;
import io.fathom.controlplane.mlflow.registry.RegistryService;
import io.fathom.controlplane.mlflow.registry.SearchPage;
import io.fathom.controlplane.mlflow.registry.Stage;
import io.fathom.controlplane.mlflow.registry.api.RegistryDtos.Empty;
import io.fathom.controlplane.mlflow.registry.api.RegistryDtos.ModelVersionDto;
import io.fathom.controlplane.mlflow.registry.api.RegistryDtos.ModelVersionResponse;
import io.fathom.controlplane.mlflow.registry.api.RegistryDtos.ModelVersionsPage;
import io.fathom.controlplane.mlflow.registry.api.RegistryDtos.RegisteredModelDto;
import io.fathom.controlplane.mlflow.registry.api.RegistryDtos.RegisteredModelResponse;
import io.fathom.controlplane.mlflow.registry.api.RegistryDtos.RegisteredModelsPage;
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
import java.util.List;

/** MLflow's registered-model endpoints ({@code /api/2.0/mlflow/registered-models/…}). */
@Hidden
@Controller("/api/2.0/mlflow/registered-models")
@ExecuteOn(TaskExecutors.BLOCKING)
class RegisteredModelController {
  private final RegistryService registry;
  private final JsonMapper json;

  RegisteredModelController(RegistryService registry, JsonMapper json) {
    this.registry = registry;
    this.json = json;
  }

  @Post("/create")
  RegisteredModelResponse create(
      @FromToken ProjectScope scope, HttpRequest<?> request, @Nullable @Body String body) {
    MlflowParams p = MlflowParams.of(request, body, json);
    return response(
        registry.create(
            scope.projectId(),
            p.string("name"),
            p.string("description"),
            p.tags(),
            String.valueOf(scope.userId())));
  }

  @Get("/get")
  RegisteredModelResponse get(@FromToken ProjectScope scope, HttpRequest<?> request) {
    return response(registry.get(scope.projectId(), params(request, null).string("name")));
  }

  @Get("/search")
  RegisteredModelsPage search(@FromToken ProjectScope scope, HttpRequest<?> request) {
    return searchPage(scope, params(request, null));
  }

  @Post("/search")
  RegisteredModelsPage searchPost(
      @FromToken ProjectScope scope, HttpRequest<?> request, @Nullable @Body String body) {
    return searchPage(scope, params(request, body));
  }

  @Patch("/update")
  RegisteredModelResponse update(
      @FromToken ProjectScope scope, HttpRequest<?> request, @Nullable @Body String body) {
    MlflowParams p = params(request, body);
    return response(registry.update(scope.projectId(), p.string("name"), p.string("description")));
  }

  @Post("/rename")
  RegisteredModelResponse rename(
      @FromToken ProjectScope scope, HttpRequest<?> request, @Nullable @Body String body) {
    MlflowParams p = params(request, body);
    return response(registry.rename(scope.projectId(), p.string("name"), p.string("new_name")));
  }

  @Delete("/delete")
  Empty delete(@FromToken ProjectScope scope, HttpRequest<?> request, @Nullable @Body String body) {
    registry.delete(scope.projectId(), params(request, body).string("name"));
    return Empty.INSTANCE;
  }

  @Post("/set-tag")
  Empty setTag(@FromToken ProjectScope scope, HttpRequest<?> request, @Nullable @Body String body) {
    MlflowParams p = params(request, body);
    registry.setTag(scope.projectId(), p.string("name"), p.string("key"), p.string("value"));
    return Empty.INSTANCE;
  }

  @Delete("/delete-tag")
  Empty deleteTag(
      @FromToken ProjectScope scope, HttpRequest<?> request, @Nullable @Body String body) {
    MlflowParams p = params(request, body);
    registry.deleteTag(scope.projectId(), p.string("name"), p.required("key"));
    return Empty.INSTANCE;
  }

  @Post("/alias")
  Empty setAlias(
      @FromToken ProjectScope scope, HttpRequest<?> request, @Nullable @Body String body) {
    MlflowParams p = params(request, body);
    registry.setAlias(scope.projectId(), p.string("name"), p.string("alias"), p.string("version"));
    return Empty.INSTANCE;
  }

  @Delete("/alias")
  Empty deleteAlias(
      @FromToken ProjectScope scope, HttpRequest<?> request, @Nullable @Body String body) {
    MlflowParams p = params(request, body);
    registry.deleteAlias(scope.projectId(), p.string("name"), p.required("alias"));
    return Empty.INSTANCE;
  }

  @Get("/alias")
  ModelVersionResponse byAlias(@FromToken ProjectScope scope, HttpRequest<?> request) {
    MlflowParams p = params(request, null);
    return new ModelVersionResponse(
        ModelVersionDto.of(
            registry.byAlias(scope.projectId(), p.string("name"), p.required("alias"))));
  }

  @Get("/get-latest-versions")
  ModelVersionsPage latest(@FromToken ProjectScope scope, HttpRequest<?> request) {
    return latestVersions(scope, params(request, null));
  }

  @Post("/get-latest-versions")
  ModelVersionsPage latestPost(
      @FromToken ProjectScope scope, HttpRequest<?> request, @Nullable @Body String body) {
    return latestVersions(scope, params(request, body));
  }

  private ModelVersionsPage latestVersions(ProjectScope scope, MlflowParams p) {
    List<Stage> stages = p.list("stages").stream().map(Stage::parse).toList();
    return new ModelVersionsPage(
        registry.latestVersions(scope.projectId(), p.string("name"), stages).stream()
            .map(ModelVersionDto::of)
            .toList(),
        null);
  }

  private RegisteredModelsPage searchPage(ProjectScope scope, MlflowParams p) {
    SearchPage<RegisteredModelView> page =
        registry.search(
            scope.projectId(),
            p.string("filter"),
            p.integer("max_results"),
            p.list("order_by"),
            p.string("page_token"));
    return new RegisteredModelsPage(
        page.items().stream().map(RegisteredModelDto::of).toList(), page.nextPageToken());
  }

  private MlflowParams params(HttpRequest<?> request, @Nullable String body) {
    return MlflowParams.of(request, body, json);
  }

  private static RegisteredModelResponse response(RegisteredModelView view) {
    return new RegisteredModelResponse(RegisteredModelDto.of(view));
  }
}
