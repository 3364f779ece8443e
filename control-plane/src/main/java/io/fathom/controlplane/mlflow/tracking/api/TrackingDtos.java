package io.fathom.controlplane.mlflow.tracking.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fathom.controlplane.mlflow.tracking.DatasetInput;
import io.fathom.controlplane.mlflow.tracking.Metric;
import io.fathom.controlplane.mlflow.tracking.Tag;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;

/**
 * MLflow's wire shapes for tracking, field names as in MLflow's protos. Responses leave out absent
 * fields, as MLflow's server does.
 */
public final class TrackingDtos {
  private TrackingDtos() {}

  // ---- responses

  @Serdeable(naming = SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Experiment(
      String experimentId,
      String name,
      String artifactLocation,
      String lifecycleStage,
      long lastUpdateTime,
      long creationTime,
      List<Tag> tags) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RunInfo(
      String runId,
      String runUuid,
      @Nullable String runName,
      String experimentId,
      @Nullable String userId,
      String status,
      @Nullable Long startTime,
      @Nullable Long endTime,
      String artifactUri,
      String lifecycleStage) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  public record RunData(List<Metric> metrics, List<Tag> params, List<Tag> tags) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  public record RunInputs(List<DatasetInput> datasetInputs) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  public record Run(RunInfo info, RunData data, RunInputs inputs) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  public record ExperimentIdResponse(String experimentId) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  public record ExperimentResponse(Experiment experiment) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ExperimentsPage(List<Experiment> experiments, @Nullable String nextPageToken) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  public record RunResponse(Run run) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  public record RunInfoResponse(RunInfo runInfo) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RunsPage(List<Run> runs, @Nullable String nextPageToken) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MetricHistory(List<Metric> metrics, @Nullable String nextPageToken) {}

  /** MLflow answers most writes with {@code {}}. */
  @Serdeable
  public record Empty() {}

  // ---- requests

  @Serdeable(naming = SnakeCaseStrategy.class)
  public record CreateExperiment(
      @Nullable String name, @Nullable String artifactLocation, @Nullable List<Tag> tags) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  public record ExperimentRef(@Nullable String experimentId) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  public record UpdateExperiment(@Nullable String experimentId, @Nullable String newName) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  public record SetExperimentTag(
      @Nullable String experimentId, @Nullable String key, @Nullable String value) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  public record SearchExperiments(
      @Nullable Long maxResults,
      @Nullable String pageToken,
      @Nullable String filter,
      @Nullable List<String> orderBy,
      @Nullable String viewType) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  public record CreateRun(
      @Nullable String experimentId,
      @Nullable String userId,
      @Nullable Long startTime,
      @Nullable List<Tag> tags,
      @Nullable String runName) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  public record UpdateRun(
      @Nullable String runId,
      @Nullable String runUuid,
      @Nullable String status,
      @Nullable Long endTime,
      @Nullable String runName) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  public record RunRef(@Nullable String runId, @Nullable String runUuid) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  public record KeyValue(
      @Nullable String runId,
      @Nullable String runUuid,
      @Nullable String key,
      @Nullable String value) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  public record LogMetric(
      @Nullable String runId,
      @Nullable String runUuid,
      @Nullable String key,
      @Nullable Double value,
      @Nullable Long timestamp,
      @Nullable Long step) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  public record LogBatch(
      @Nullable String runId,
      @Nullable List<Metric> metrics,
      @Nullable List<Tag> params,
      @Nullable List<Tag> tags) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  public record LogInputs(@Nullable String runId, @Nullable List<DatasetInput> datasets) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  public record LogModel(@Nullable String runId, @Nullable String modelJson) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  public record SearchRuns(
      @Nullable List<String> experimentIds,
      @Nullable String filter,
      @Nullable String runViewType,
      @Nullable Long maxResults,
      @Nullable List<String> orderBy,
      @Nullable String pageToken) {}
}
