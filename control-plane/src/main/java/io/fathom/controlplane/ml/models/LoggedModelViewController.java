package io.fathom.controlplane.ml.models;

import io.fathom.controlplane.common.ApiException;
import io.fathom.controlplane.common.DataEnvelope;
import io.fathom.controlplane.common.PageEnvelope;
import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.common.filter.FilterParser;
import io.fathom.controlplane.common.filter.ProjectPageQuery;
import io.fathom.controlplane.ml.models.LoggedModelViews.FilterBody;
import io.fathom.controlplane.ml.models.LoggedModelViews.InputExample;
import io.fathom.controlplane.ml.models.LoggedModelViews.LoggedModelView;
import io.fathom.controlplane.mlflow.models.LoggedModel;
import io.fathom.controlplane.mlflow.models.LoggedModelEntity;
import io.fathom.controlplane.mlflow.models.LoggedModelId;
import io.fathom.controlplane.mlflow.models.LoggedModelService;
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
import java.util.List;

/**
 * Logged models of the caller's project as the platform shows them: {@code
 * /api/intelligence/machine-learning/v1/logged-models}. Ids are UUIDs (the MLflow id {@code
 * m-<hex>} is accepted too).
 */
@Controller("/api/intelligence/machine-learning/v1/logged-models")
@ExecuteOn(TaskExecutors.BLOCKING)
public class LoggedModelViewController {
  private final LoggedModelService service;
  private final LoggedModelQueries queries;

  LoggedModelViewController(LoggedModelService service, LoggedModelQueries queries) {
    this.service = service;
    this.queries = queries;
  }

  @Get
  public PageEnvelope<LoggedModelView> list(
      @FromToken ProjectScope scope,
      @Nullable @QueryValue("page_number") Integer pageNumber,
      @Nullable @QueryValue("page_size") Integer pageSize) {
    return page(scope, null, PageRequest.of(pageNumber, pageSize));
  }

  @Post("/filter")
  public PageEnvelope<LoggedModelView> filter(
      @FromToken ProjectScope scope,
      @Body FilterBody body,
      @Nullable @QueryValue("page_number") Integer pageNumber,
      @Nullable @QueryValue("page_size") Integer pageSize) {
    return page(scope, body.filter(), PageRequest.of(pageNumber, pageSize));
  }

  @Get("/{id}")
  public DataEnvelope<LoggedModelView> get(@FromToken ProjectScope scope, String id) {
    return DataEnvelope.of(LoggedModelView.of(model(scope, id)));
  }

  @Delete("/{id}")
  public HttpResponse<Void> delete(@FromToken ProjectScope scope, String id) {
    LoggedModelId modelId = LoggedModelId.parse(id).orElseThrow(() -> notFound(id));
    if (!service.delete(scope.projectId(), modelId)) {
      throw notFound(id);
    }
    return HttpResponse.noContent();
  }

  @Get("/{id}/input-example")
  public DataEnvelope<InputExample> inputExample(@FromToken ProjectScope scope, String id) {
    String example = model(scope, id).entity().inputExample();
    if (example == null) {
      throw ApiException.notFound("input-example", id);
    }
    return DataEnvelope.of(InputExample.of(example));
  }

  private LoggedModel model(ProjectScope scope, String id) {
    return LoggedModelId.parse(id)
        .flatMap(modelId -> service.find(scope.projectId(), modelId))
        .orElseThrow(() -> notFound(id));
  }

  private static ApiException notFound(String id) {
    return ApiException.notFound("logged-model", id);
  }

  private PageEnvelope<LoggedModelView> page(
      ProjectScope scope, @Nullable Object filter, PageRequest page) {
    ProjectPageQuery.Result<LoggedModelEntity> result =
        queries.find(scope.projectId(), FilterParser.parse(filter), page);
    List<LoggedModel> models =
        result.items().stream()
            .map(e -> service.find(scope.projectId(), e.loggedModelId()).orElseThrow())
            .toList();
    return PageEnvelope.of(models, page, result.total(), LoggedModelView::of);
  }
}
