package io.fathom.controlplane.mlflow.artifacts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** MLflow's artifact listing bodies. */
public final class ArtifactDtos {
  private ArtifactDtos() {}

  /** MLflow's {@code FileInfo}: {@code file_size} only for files. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FileInfo(
      String path,
      @JsonProperty("is_dir") boolean isDir,
      @JsonProperty("file_size") @Nullable Long fileSize) {

    static FileInfo of(String path, ArtifactStore.Entry entry) {
      return new FileInfo(path, entry.directory(), entry.directory() ? null : entry.size());
    }
  }

  /** {@code GET /api/2.0/mlflow-artifacts/artifacts?path=}. */
  @Serdeable
  public record ProxyListing(List<FileInfo> files) {}

  /** {@code GET /api/2.0/mlflow/artifacts/list?run_id=&path=}. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RunListing(
      @JsonProperty("root_uri") String rootUri,
      List<FileInfo> files,
      @JsonProperty("next_page_token") @Nullable String nextPageToken) {}

  /** MLflow answers uploads and deletes with an empty object. */
  @Serdeable
  public record Empty() {}
}
