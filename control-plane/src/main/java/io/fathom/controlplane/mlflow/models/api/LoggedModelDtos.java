package io.fathom.controlplane.mlflow.models.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fathom.controlplane.mlflow.models.KeyValue;
import io.fathom.controlplane.mlflow.models.LoggedModel;
import io.fathom.controlplane.mlflow.models.LoggedModelEntity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** MLflow 3's logged model messages (protobuf JSON field names). */
public final class LoggedModelDtos {
  private LoggedModelDtos() {}

  @Serdeable
  public record CreateRequest(
      @JsonProperty("experiment_id") @Nullable String experimentId,
      @Nullable String name,
      @JsonProperty("model_type") @Nullable String modelType,
      @JsonProperty("source_run_id") @Nullable String sourceRunId,
      @Nullable List<KeyValue> params,
      @Nullable List<KeyValue> tags) {}

  @Serdeable
  public record FinalizeRequest(
      @JsonProperty("model_id") @Nullable String modelId, @Nullable String status) {}

  @Serdeable
  public record TagsRequest(@Nullable List<KeyValue> tags) {}

  @Serdeable
  public record ParamsRequest(@Nullable List<KeyValue> params) {}

  @Serdeable
  public record OrderBy(
      @JsonProperty("field_name") @Nullable String fieldName, @Nullable Boolean ascending) {}

  @Serdeable
  public record SearchRequest(
      @JsonProperty("experiment_ids") @Nullable List<String> experimentIds,
      @Nullable String filter,
      @JsonProperty("order_by") @Nullable List<OrderBy> orderBy,
      @JsonProperty("max_results") @Nullable Integer maxResults,
      @JsonProperty("page_token") @Nullable String pageToken) {}

  @Serdeable
  public record ModelOutput(
      @JsonProperty("model_id") @Nullable String modelId, @Nullable Long step) {}

  @Serdeable
  public record LogOutputsRequest(
      @JsonProperty("run_id") @Nullable String runId, @Nullable List<ModelOutput> models) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Info(
      @JsonProperty("model_id") String modelId,
      @JsonProperty("experiment_id") String experimentId,
      String name,
      @JsonProperty("creation_timestamp_ms") long creationTimestampMs,
      @JsonProperty("last_updated_timestamp_ms") long lastUpdatedTimestampMs,
      @JsonProperty("artifact_uri") String artifactUri,
      String status,
      @JsonProperty("model_type") @Nullable String modelType,
      @JsonProperty("source_run_id") @Nullable String sourceRunId,
      @JsonProperty("status_message") @Nullable String statusMessage,
      List<KeyValue> tags,
      List<Object> registrations) {}

  @Serdeable
  public record Data(List<KeyValue> params, List<Object> metrics) {}

  @Serdeable
  public record Model(Info info, Data data) {
    static Model of(LoggedModel model) {
      LoggedModelEntity e = model.entity();
      return new Model(
          new Info(
              e.modelId(),
              String.valueOf(e.experimentId()),
              e.name(),
              e.creationTime(),
              e.lastUpdatedTime(),
              e.artifactLocation(),
              e.statusValue().mlflow(),
              e.modelType(),
              e.sourceRunId(),
              e.statusMessage(),
              model.tags(),
              List.of()),
          new Data(model.params(), List.of()));
    }
  }

  @Serdeable
  public record ModelResponse(Model model) {
    static ModelResponse of(LoggedModel model) {
      return new ModelResponse(Model.of(model));
    }
  }

  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SearchResponse(
      List<Model> models, @JsonProperty("next_page_token") @Nullable String nextPageToken) {}

  @Serdeable
  public record Empty() {}
}
