package io.fathom.controlplane.mlflow.registry;

import io.fathom.controlplane.mlflow.MlflowException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Model versions: create from a run, logged model or artifact location; read, search, change. */
@Singleton
public class VersionService {
  static final int SEARCH_DEFAULT = 10_000;
  static final int SEARCH_MAX = 200_000;
  private static final int APPEND_ATTEMPTS = 5;

  private final RegistryService models;
  private final VersionStore versions;
  private final ArtifactLocations locations;

  VersionService(RegistryService models, VersionStore versions, ArtifactLocations locations) {
    this.models = models;
    this.versions = versions;
    this.locations = locations;
  }

  /** What a create request names; {@code runId} and {@code modelId} may be null. */
  public record NewVersion(
      String name,
      String source,
      String runId,
      String modelId,
      String runLink,
      String description,
      Map<String, String> tags) {}

  public ModelVersionView create(UUID projectId, NewVersion request, String userId) {
    models.require(projectId, request.name());
    ModelSource source = ModelSource.parse(request.source());
    String runId = agree("run_id", request.runId(), source.runId());
    String modelId = agree("model_id", request.modelId(), source.modelId());
    if (runId != null) {
      locations.runArtifacts(projectId, runId); // 404 for an unknown run
    }
    String storage = locations.storageLocation(projectId, source);
    long now = System.currentTimeMillis();
    ModelVersion version =
        new ModelVersion(
            request.name(),
            0,
            request.description(),
            userId,
            source.uri(),
            storage,
            runId,
            request.runLink(),
            modelId,
            Stage.NONE,
            "READY",
            now,
            now);
    for (int attempt = 1; ; attempt++) {
      try {
        ModelVersion created = versions.append(projectId, version, request.tags());
        return Versions.view(versions, projectId, created);
      } catch (DataAccessException e) {
        if (attempt == APPEND_ATTEMPTS) {
          throw e; // not a lost race for the number: give up
        }
      }
    }
  }

  @Transactional(readOnly = true)
  public ModelVersionView get(UUID projectId, String name, String version) {
    return Versions.view(versions, projectId, require(projectId, name, version));
  }

  @Transactional(readOnly = true)
  public String downloadUri(UUID projectId, String name, String version) {
    return require(projectId, name, version).storageLocation();
  }

  @Transactional(readOnly = true)
  public SearchPage<ModelVersionView> search(
      UUID projectId, String filter, Integer maxResults, List<String> orderBy, String pageToken) {
    int limit = SearchPage.limit(maxResults, SEARCH_DEFAULT, SEARCH_MAX);
    long offset = SearchPage.offset(pageToken);
    SearchQuery.Sql where = SearchQuery.parse(filter, orderBy, SearchQuery.VERSIONS);
    List<ModelVersion> page = versions.search(projectId, where, limit + 1, offset);
    List<ModelVersionView> views = new ArrayList<>();
    for (ModelVersion v : page.subList(0, Math.min(limit, page.size()))) {
      views.add(Versions.view(versions, projectId, v));
    }
    return new SearchPage<>(views, page.size() > limit ? SearchPage.token(offset + limit) : null);
  }

  @Transactional
  public ModelVersionView update(UUID projectId, String name, String version, String description) {
    ModelVersion v = require(projectId, name, version);
    versions.describe(projectId, name, v.version(), description, System.currentTimeMillis());
    return get(projectId, name, version);
  }

  @Transactional
  public ModelVersionView transition(
      UUID projectId, String name, String version, String stage, boolean archiveExisting) {
    ModelVersion v = require(projectId, name, version);
    if (stage == null) {
      throw MlflowException.invalid("Missing value for required parameter 'stage'.");
    }
    versions.transition(
        projectId,
        name,
        v.version(),
        Stage.parse(stage),
        archiveExisting,
        System.currentTimeMillis());
    return get(projectId, name, version);
  }

  @Transactional
  public void delete(UUID projectId, String name, String version) {
    versions.delete(projectId, name, require(projectId, name, version).version());
  }

  @Transactional
  public void setTag(UUID projectId, String name, String version, String key, String value) {
    Names.requireTagKey(key);
    versions.setTag(projectId, name, require(projectId, name, version).version(), key, value);
  }

  @Transactional
  public void deleteTag(UUID projectId, String name, String version, String key) {
    int number = require(projectId, name, version).version();
    if (versions.deleteTag(projectId, name, number, key) == 0) {
      throw MlflowException.notFound(
          "No tag with name: " + key + " for model version " + name + " " + version + ".");
    }
  }

  private ModelVersion require(UUID projectId, String name, String version) {
    Names.requireModelName(name);
    return Versions.require(versions, projectId, name, Names.version(version));
  }

  /** The request's value and the one in the source must agree when both are given. */
  private static String agree(String parameter, String given, String fromSource) {
    String value = given == null || given.isBlank() ? null : given;
    if (value != null && fromSource != null && !value.equals(fromSource)) {
      throw MlflowException.invalid(
          "The "
              + parameter
              + " '"
              + value
              + "' does not match the source's '"
              + fromSource
              + "'.");
    }
    return value != null ? value : fromSource;
  }
}
