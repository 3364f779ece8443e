package io.fathom.controlplane.mlflow.artifacts;

import io.fathom.controlplane.mlflow.MlflowException;
import io.fathom.controlplane.mlflow.artifacts.ArtifactDtos.FileInfo;
import io.fathom.controlplane.mlflow.artifacts.ArtifactDtos.RunListing;
import io.fathom.controlplane.tenancy.FromToken;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code GET /api/2.0/mlflow/artifacts/list?run_id=&path=}: the files of a run's artifact
 * directory, with paths relative to the run's artifact root, as MLflow's tracking server lists
 * them.
 */
@Controller("/api/2.0/mlflow/artifacts")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RunArtifactsController {
  private final ArtifactStore store;
  private final RunArtifactRoots runs;

  RunArtifactsController(ArtifactStore store, RunArtifactRoots runs) {
    this.store = store;
    this.runs = runs;
  }

  @Get("/list")
  public RunListing list(
      @FromToken ProjectScope scope,
      @Nullable @QueryValue("run_id") String runId,
      @Nullable @QueryValue("run_uuid") String runUuid,
      @Nullable @QueryValue String path) {
    String id = runId != null ? runId : runUuid;
    if (id == null || id.isBlank()) {
      throw MlflowException.invalid("Missing value for required parameter 'run_id'");
    }
    String rootUri =
        runs.artifactUri(scope.projectId(), id)
            .orElseThrow(() -> MlflowException.notFound("Run with id=" + id + " not found"));
    ArtifactPath root =
        ArtifactUris.path(rootUri)
            .orElseThrow(
                () -> MlflowException.invalid("Run " + id + " stores artifacts at " + rootUri));
    ArtifactPath dir = root.resolve(path == null ? "" : path);
    return new RunListing(
        rootUri,
        store.list(scope.projectId(), dir).stream()
            .map(e -> FileInfo.of(dir.resolve(e.name()).relativeTo(root), e))
            .toList(),
        null);
  }
}
