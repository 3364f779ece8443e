package io.fathom.controlplane.mlflow.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fathom.controlplane.mlflow.registry.ModelVersion;
import io.fathom.controlplane.mlflow.registry.ModelVersionView;
import io.fathom.controlplane.mlflow.registry.RegisteredModel;
import io.fathom.controlplane.mlflow.registry.RegisteredModelView;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/** The registry's wire shapes: MLflow's protos as JSON, snake_case, unset fields left out. */
final class RegistryDtos {
  private RegistryDtos() {}

  @Serdeable
  record Tag(String key, String value) {}

  @Serdeable
  record Alias(String alias, String version) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RegisteredModelDto(
      String name,
      @JsonProperty("creation_timestamp") long creationTimestamp,
      @JsonProperty("last_updated_timestamp") long lastUpdatedTimestamp,
      @JsonProperty("user_id") String userId,
      String description,
      @JsonProperty("latest_versions") List<ModelVersionDto> latestVersions,
      List<Tag> tags,
      List<Alias> aliases) {

    static RegisteredModelDto of(RegisteredModelView view) {
      RegisteredModel m = view.model();
      return new RegisteredModelDto(
          m.name(),
          m.createdAt(),
          m.updatedAt(),
          m.userId(),
          m.description(),
          view.latestVersions().stream().map(ModelVersionDto::of).toList(),
          tagList(view.tags()),
          view.aliases().entrySet().stream()
              .map(e -> new Alias(e.getKey(), e.getValue().toString()))
              .toList());
    }
  }

  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ModelVersionDto(
      String name,
      String version,
      @JsonProperty("creation_timestamp") long creationTimestamp,
      @JsonProperty("last_updated_timestamp") long lastUpdatedTimestamp,
      @JsonProperty("user_id") String userId,
      @JsonProperty("current_stage") String currentStage,
      String description,
      String source,
      @JsonProperty("run_id") String runId,
      String status,
      @JsonProperty("run_link") String runLink,
      @JsonProperty("model_id") String modelId,
      List<Tag> tags,
      List<String> aliases) {

    static ModelVersionDto of(ModelVersionView view) {
      ModelVersion v = view.version();
      return new ModelVersionDto(
          v.name(),
          Integer.toString(v.version()),
          v.createdAt(),
          v.updatedAt(),
          v.userId(),
          v.stage().wireName(),
          v.description(),
          v.source(),
          v.runId(),
          v.status(),
          v.runLink(),
          v.modelId(),
          tagList(view.tags()),
          view.aliases());
    }
  }

  @Serdeable
  record RegisteredModelResponse(
      @JsonProperty("registered_model") RegisteredModelDto registeredModel) {}

  @Serdeable
  record ModelVersionResponse(@JsonProperty("model_version") ModelVersionDto modelVersion) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RegisteredModelsPage(
      @JsonProperty("registered_models") List<RegisteredModelDto> registeredModels,
      @JsonProperty("next_page_token") String nextPageToken) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ModelVersionsPage(
      @JsonProperty("model_versions") List<ModelVersionDto> modelVersions,
      @JsonProperty("next_page_token") String nextPageToken) {}

  @Serdeable
  record DownloadUri(@JsonProperty("artifact_uri") String artifactUri) {}

  /** MLflow's empty answer, {@code {}}. */
  @Serdeable
  record Empty() {
    static final Empty INSTANCE = new Empty();
  }

  private static List<Tag> tagList(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
  }
}
