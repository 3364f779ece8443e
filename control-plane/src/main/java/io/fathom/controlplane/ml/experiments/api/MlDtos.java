package io.fathom.controlplane.ml.experiments.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Wire shapes of the platform's experiments and runs view. */
public final class MlDtos {
  private MlDtos() {}

  @Serdeable
  public record TagView(String key, @Nullable String value) {}

  @Serdeable
  public record ExperimentView(
      UUID id,
      String remoteId,
      String name,
      @Nullable UUID functionId,
      Instant createdAt,
      Instant updatedAt,
      List<TagView> tags) {}

  @Serdeable
  public record ExperimentDetail(
      UUID id,
      String remoteId,
      String name,
      @Nullable UUID functionId,
      Instant createdAt,
      Instant updatedAt,
      List<TagView> tags,
      List<String> metrics,
      List<String> parameters) {}

  @Serdeable
  public record RunView(
      UUID id,
      String remoteId,
      @Nullable String name,
      @Nullable UUID functionId,
      String status,
      Instant createdAt,
      Instant updatedAt,
      List<TagView> tags,
      Map<String, Object> metrics,
      Map<String, String> parameters) {}

  @Serdeable
  public record RunDetail(
      UUID id,
      String remoteId,
      @Nullable String name,
      @Nullable UUID functionId,
      String status,
      Instant createdAt,
      Instant updatedAt,
      List<TagView> tags) {}

  @Serdeable
  public record RunMetrics(Map<String, Object> metrics) {}

  @Serdeable
  public record RunParameters(Map<String, String> parameters) {}

  /** {@code {"filter": {...}}} of an experiments filter. */
  @Serdeable
  public record FilterBody(@Nullable Object filter) {}

  /**
   * A runs filter: which metric and parameter keys each run shows (all when absent), and an
   * optional platform filter on the runs' own fields.
   */
  @Serdeable
  public record RunsFilterBody(
      @Nullable List<String> metrics, @Nullable List<String> parameters, @Nullable Object filter) {}

  /** The runs list envelope: pagination also names every metric and parameter key. */
  @Serdeable
  public record RunsPage(List<RunView> data, RunsPagination pagination) {}

  @Serdeable
  public record RunsPagination(
      int pageNumber, int pageSize, long totalElements, long totalPages, Fields fields) {}

  @Serdeable
  public record Fields(List<String> metrics, List<String> parameters) {}
}
