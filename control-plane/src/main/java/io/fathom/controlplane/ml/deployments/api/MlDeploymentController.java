package io.fathom.controlplane.ml.deployments.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fathom.controlplane.common.ApiException;
import io.fathom.controlplane.common.DataEnvelope;
import io.fathom.controlplane.common.PageEnvelope;
import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.common.filter.Filter;
import io.fathom.controlplane.common.filter.FilterParser;
import io.fathom.controlplane.common.filter.ProjectPageQuery;
import io.fathom.controlplane.ml.deployments.CodeSnippets;
import io.fathom.controlplane.ml.deployments.InferenceProxy;
import io.fathom.controlplane.ml.deployments.MlDeploymentEntity;
import io.fathom.controlplane.ml.deployments.MlDeploymentQueries;
import io.fathom.controlplane.ml.deployments.MlDeploymentService;
import io.fathom.controlplane.mlflow.models.LoggedModel;
import io.fathom.controlplane.mlflow.models.LoggedModelEntity;
import io.fathom.controlplane.mlflow.models.LoggedModelId;
import io.fathom.controlplane.mlflow.models.LoggedModelService;
import io.fathom.controlplane.tenancy.FromToken;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/intelligence/machine-learning/v1/deployments}: create, list, filter, get, update,
 * delete model deployments; V2 inference and code snippets. Bodies are read as JSON text so a PATCH
 * can tell a field sent as null (remove) from one not sent (keep).
 */
@Controller("/api/intelligence/machine-learning/v1/deployments")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MlDeploymentController {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MlDeploymentService deployments;
  private final MlDeploymentQueries queries;
  private final LoggedModelService models;
  private final InferenceProxy proxy;
  private final CodeSnippets snippets;

  MlDeploymentController(
      MlDeploymentService deployments,
      MlDeploymentQueries queries,
      LoggedModelService models,
      InferenceProxy proxy,
      CodeSnippets snippets) {
    this.deployments = deployments;
    this.queries = queries;
    this.models = models;
    this.proxy = proxy;
    this.snippets = snippets;
  }

  @Post
  public HttpResponse<DataEnvelope<MlDeploymentViews.DeploymentView>> create(
      @FromToken ProjectScope scope, @Nullable @Body String body) {
    JsonNode json = parse(body);
    JsonNode model = json.path("model");
    JsonNode serving = json.path("serving");
    MlDeploymentEntity created =
        deployments.create(
            scope,
            new MlDeploymentService.CreateSpec(
                text(model, "kind"),
                text(model, "modelId"),
                text(json, "name"),
                text(json, "description"),
                text(serving, "size"),
                text(serving, "gpu"),
                tags(json.get("tags"))));
    return HttpResponse.created(view(scope, created));
  }

  @Get
  public PageEnvelope<MlDeploymentViews.DeploymentView> list(
      @FromToken ProjectScope scope,
      @Nullable @QueryValue("page_number") Integer pageNumber,
      @Nullable @QueryValue("page_size") Integer pageSize) {
    return page(scope, FilterParser.parse(null), PageRequest.of(pageNumber, pageSize));
  }

  @Post("/filter")
  public PageEnvelope<MlDeploymentViews.DeploymentView> filter(
      @FromToken ProjectScope scope,
      @Nullable @QueryValue("page_number") Integer pageNumber,
      @Nullable @QueryValue("page_size") Integer pageSize,
      @Nullable @Body String body) {
    JsonNode filter = parse(body).get("filter");
    return page(
        scope,
        FilterParser.parse(filter == null ? null : JSON.convertValue(filter, Object.class)),
        PageRequest.of(pageNumber, pageSize));
  }

  @Get("/{id}")
  public DataEnvelope<MlDeploymentViews.DeploymentView> get(
      @FromToken ProjectScope scope, UUID id) {
    return view(scope, deployments.get(scope, id));
  }

  @Patch("/{id}")
  public DataEnvelope<MlDeploymentViews.DeploymentView> update(
      @FromToken ProjectScope scope, UUID id, @Nullable @Body String body) {
    JsonNode json = parse(body);
    JsonNode model = json.path("model");
    JsonNode serving = json.path("serving");
    MlDeploymentEntity updated =
        deployments.update(
            scope,
            id,
            new MlDeploymentService.Changes(
                text(model, "kind"),
                text(model, "modelId"),
                text(json, "name"),
                text(json, "description"),
                text(serving, "size"),
                text(serving, "gpu"),
                serving.has("gpu"),
                tags(json.get("tags"))));
    return view(scope, updated);
  }

  @Delete("/{id}")
  public HttpResponse<Void> delete(@FromToken ProjectScope scope, UUID id) {
    deployments.delete(scope, id);
    return HttpResponse.status(HttpStatus.NO_CONTENT);
  }

  /** V2 inference, passed through unchanged (JSON or binary tensors). */
  @Post(
      uri = "/{id}/v2/models/{model}/infer",
      consumes = {"application/json", "application/octet-stream", "*/*"},
      produces = {"application/json", "application/octet-stream"})
  public MutableHttpResponse<byte[]> infer(
      @FromToken ProjectScope scope,
      UUID id,
      String model,
      HttpRequest<?> request,
      @Nullable @Header(InferenceProxy.HEADER_LENGTH) String headerLength,
      @Nullable @Body byte[] body)
      throws InterruptedException {
    MlDeploymentEntity d = deployments.get(scope, id);
    UUID workload = deployments.servingWorkload(d);
    String contentType = request.getContentType().map(Object::toString).orElse("application/json");
    return proxy.infer(
        workload,
        "/v2/models/" + model + "/infer",
        body == null ? new byte[0] : body,
        contentType,
        headerLength);
  }

  @Post("/{id}/openai/v1/chat/completions")
  public HttpResponse<Void> chat(@FromToken ProjectScope scope, UUID id) {
    throw unsupportedOpenAi(scope, id, "chat completions");
  }

  @Post("/{id}/openai/v1/embeddings")
  public HttpResponse<Void> embeddings(@FromToken ProjectScope scope, UUID id) {
    throw unsupportedOpenAi(scope, id, "embeddings");
  }

  @Get("/{id}/code-snippets")
  public DataEnvelope<CodeSnippets.Snippets> codeSnippets(@FromToken ProjectScope scope, UUID id) {
    MlDeploymentEntity d = deployments.get(scope, id);
    String example =
        model(scope, d)
            .map(LoggedModelEntity::inputExample)
            .filter(e -> e != null && !e.isBlank())
            .map(e -> "{\"inputs\":" + e + "}")
            .orElse(
                "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\","
                    + "\"data\":[0.0,0.0,0.0,0.0]}]}");
    return DataEnvelope.of(snippets.of(d, example));
  }

  private ApiException unsupportedOpenAi(ProjectScope scope, UUID id, String what) {
    deployments.get(scope, id);
    return ApiException.badRequest(
        "unsupported-model-kind",
        "OpenAI-compatible "
            + what
            + " need a hugging-face deployment (not supported yet); this deployment serves a"
            + " logged ONNX model: use …/v2/models/default/infer");
  }

  private PageEnvelope<MlDeploymentViews.DeploymentView> page(
      ProjectScope scope, Filter filter, PageRequest page) {
    ProjectPageQuery.Result<MlDeploymentEntity> found =
        queries.find(scope.projectId(), filter, page);
    return PageEnvelope.of(found.items(), page, found.total(), d -> view(scope, d).data());
  }

  private DataEnvelope<MlDeploymentViews.DeploymentView> view(
      ProjectScope scope, MlDeploymentEntity d) {
    String modelName = model(scope, d).map(LoggedModelEntity::name).orElse(null);
    return DataEnvelope.of(
        MlDeploymentViews.DeploymentView.of(d, MlDeploymentServiceTags.read(d.tags()), modelName));
  }

  private java.util.Optional<LoggedModelEntity> model(ProjectScope scope, MlDeploymentEntity d) {
    return models.find(scope.projectId(), new LoggedModelId(d.modelId())).map(LoggedModel::entity);
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(body);
      if (!node.isObject()) {
        throw ApiException.badRequest("invalid-json", "The body must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw ApiException.badRequest("invalid-json", "The body is not valid JSON");
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Map<String, String> tags(JsonNode tags) {
    if (tags == null || tags.isNull()) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (tags.isObject()) {
      tags.fields()
          .forEachRemaining(
              e -> out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    } else if (tags.isArray()) {
      for (JsonNode tag : tags) {
        out.put(
            tag.path("key").asText(),
            tag.path("value").isNull() ? "" : tag.path("value").asText(""));
      }
    } else {
      throw ApiException.badRequest("invalid-tag", "tags must be an object of key to value");
    }
    return out;
  }
}
