package io.fathom.controlplane.mlflow.models.api;

import io.fathom.controlplane.mlflow.models.LoggedModelSearch;
import io.fathom.controlplane.mlflow.models.LoggedModelService;
import io.fathom.controlplane.mlflow.models.LoggedModelService.CreateSpec;
import io.fathom.controlplane.mlflow.models.api.LoggedModelDtos.CreateRequest;
import io.fathom.controlplane.mlflow.models.api.LoggedModelDtos.Empty;
import io.fathom.controlplane.mlflow.models.api.LoggedModelDtos.FinalizeRequest;
import io.fathom.controlplane.mlflow.models.api.LoggedModelDtos.Model;
import io.fathom.controlplane.mlflow.models.api.LoggedModelDtos.ModelResponse;
import io.fathom.controlplane.mlflow.models.api.LoggedModelDtos.ParamsRequest;
import io.fathom.controlplane.mlflow.models.api.LoggedModelDtos.SearchRequest;
import io.fathom.controlplane.mlflow.models.api.LoggedModelDtos.SearchResponse;
import io.fathom.controlplane.mlflow.models.api.LoggedModelDtos.TagsRequest;
import io.fathom.controlplane.tenancy.FromToken;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

/** MLflow 3 logged models: {@code /api/2.0/mlflow/logged-models}. */
@Controller("/api/2.0/mlflow/logged-models")
@ExecuteOn(TaskExecutors.BLOCKING)
public class LoggedModelController {
  private final LoggedModelService service;
  private final LoggedModelSearch search;

  LoggedModelController(LoggedModelService service, LoggedModelSearch search) {
    this.service = service;
    this.search = search;
  }

  @Post
  public ModelResponse create(@FromToken ProjectScope scope, @Body CreateRequest body) {
    return ModelResponse.of(
        service.create(
            scope,
            new CreateSpec(
                body.experimentId(),
                body.name(),
                body.sourceRunId(),
                body.modelType(),
                orEmpty(body.params()),
                orEmpty(body.tags()))));
  }

  @Get("/{model_id}")
  public ModelResponse get(@FromToken ProjectScope scope, @PathVariable("model_id") String id) {
    return ModelResponse.of(service.get(scope, id));
  }

  @Patch("/{model_id}")
  public ModelResponse finalizeModel(
      @FromToken ProjectScope scope,
      @PathVariable("model_id") String id,
      @Body FinalizeRequest body) {
    return ModelResponse.of(service.finalizeModel(scope, id, body.status()));
  }

  @Delete("/{model_id}")
  public Empty delete(@FromToken ProjectScope scope, @PathVariable("model_id") String id) {
    service.delete(scope, id);
    return new Empty();
  }

  @Post("/search")
  public SearchResponse search(@FromToken ProjectScope scope, @Body SearchRequest body) {
    LoggedModelSearch.Page page =
        search.search(
            scope,
            new LoggedModelSearch.Query(
                orEmpty(body.experimentIds()),
                body.filter(),
                orEmpty(body.orderBy()).stream()
                    .map(
                        o ->
                            new LoggedModelSearch.Order(
                                o.fieldName() == null ? "" : o.fieldName(),
                                !Boolean.FALSE.equals(o.ascending())))
                    .toList(),
                body.maxResults(),
                body.pageToken()));
    return new SearchResponse(page.models().stream().map(Model::of).toList(), page.nextPageToken());
  }

  @Patch("/{model_id}/tags")
  public Empty setTags(
      @FromToken ProjectScope scope, @PathVariable("model_id") String id, @Body TagsRequest body) {
    service.setTags(scope, id, orEmpty(body.tags()));
    return new Empty();
  }

  @Delete("/{model_id}/tags/{tag_key}")
  public Empty deleteTag(
      @FromToken ProjectScope scope,
      @PathVariable("model_id") String id,
      @PathVariable("tag_key") String key) {
    service.deleteTag(scope, id, key);
    return new Empty();
  }

  @Post("/{model_id}/params")
  public Empty logParams(
      @FromToken ProjectScope scope,
      @PathVariable("model_id") String id,
      @Body ParamsRequest body) {
    service.logParams(scope, id, orEmpty(body.params()));
    return new Empty();
  }

  static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
