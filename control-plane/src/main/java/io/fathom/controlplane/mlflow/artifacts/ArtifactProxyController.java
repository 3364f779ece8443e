package io.fathom.controlplane.mlflow.artifacts;

import io.fathom.controlplane.mlflow.MlflowException;
import io.fathom.controlplane.mlflow.artifacts.ArtifactDtos.Empty;
import io.fathom.controlplane.mlflow.artifacts.ArtifactDtos.FileInfo;
import io.fathom.controlplane.mlflow.artifacts.ArtifactDtos.ProxyListing;
import io.fathom.controlplane.tenancy.FromToken;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MLflow's artifact proxy ({@code mlflow-artifacts:/…} URIs): upload, download, delete and list
 * files of the caller's project. Uploads stream to disk. The {@code path} variable only documents
 * the route: the path is read from the raw request URI ({@link RawPaths}), before any decoding.
 */
@Controller(ArtifactProxyController.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ArtifactProxyController {
  static final String BASE = "/api/2.0/mlflow-artifacts/artifacts";
  private static final Logger LOG = LoggerFactory.getLogger(ArtifactProxyController.class);

  private final ArtifactStore store;
  private final ArtifactLimits limits;
  private final List<ArtifactListener> listeners;

  ArtifactProxyController(
      ArtifactStore store, ArtifactLimits limits, List<ArtifactListener> listeners) {
    this.store = store;
    this.limits = limits;
    this.listeners = listeners;
  }

  @Put(uri = "/{+path}", consumes = MediaType.ALL)
  public Empty upload(
      @FromToken ProjectScope scope,
      @PathVariable("path") String path,
      HttpRequest<?> request,
      @Body InputStream body) {
    try (InputStream content = body) {
      ArtifactPath target = RawPaths.after(request, BASE);
      if (request.getContentLength() > limits.maxUploadBytes()) {
        throw tooLarge();
      }
      if (target.isRoot()) {
        throw MlflowException.invalid("Name the file to upload: PUT " + BASE + "/<path>");
      }
      store.put(scope.projectId(), target, content, limits.maxUploadBytes());
      notifyListeners(scope, target);
      return new Empty();
    } catch (ArtifactTooLargeException e) {
      throw tooLarge();
    } catch (IllegalStateException e) {
      throw MlflowException.invalid(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void notifyListeners(ProjectScope scope, ArtifactPath target) {
    for (ArtifactListener listener : listeners) {
      try {
        listener.stored(scope.projectId(), target);
      } catch (RuntimeException e) {
        LOG.warn("Artifact listener failed for {}", target, e);
      }
    }
  }

  @Get(uri = "/{+path}", produces = MediaType.APPLICATION_OCTET_STREAM)
  public StreamedFile download(
      @FromToken ProjectScope scope, @PathVariable("path") String path, HttpRequest<?> request) {
    ArtifactPath target = RawPaths.after(request, BASE);
    InputStream content =
        store
            .open(scope.projectId(), target)
            .orElseThrow(() -> MlflowException.notFound("No artifact at '" + target + "'"));
    return new StreamedFile(content, MediaType.APPLICATION_OCTET_STREAM_TYPE);
  }

  @Delete("/{+path}")
  public Empty delete(
      @FromToken ProjectScope scope, @PathVariable("path") String path, HttpRequest<?> request) {
    ArtifactPath target = RawPaths.after(request, BASE);
    if (target.isRoot() || !store.delete(scope.projectId(), target)) {
      throw MlflowException.notFound("No artifact at '" + target + "'");
    }
    return new Empty();
  }

  @Get
  public ProxyListing list(@FromToken ProjectScope scope, @Nullable @QueryValue String path) {
    ArtifactPath dir = ArtifactPath.parse(path);
    return new ProxyListing(
        store.list(scope.projectId(), dir).stream().map(e -> FileInfo.of(e.name(), e)).toList());
  }

  private MlflowException tooLarge() {
    return new MlflowException(
        HttpStatus.REQUEST_ENTITY_TOO_LARGE,
        "RESOURCE_EXHAUSTED",
        "The artifact is larger than the limit of "
            + limits.maxUploadBytes()
            + " bytes (fathom.artifacts.max-upload-bytes)");
  }
}
