package io.fathom.controlplane.mlflow.registry;

import io.fathom.controlplane.mlflow.MlflowException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** Registered models: create, read, search, describe, rename, delete, tags and aliases. */
@Singleton
public class RegistryService {
  static final int SEARCH_DEFAULT = 100;
  static final int SEARCH_MAX = 1000;
  private static final Pattern VERSION_ALIAS = Pattern.compile("(?i)v\\d+");

  private final RegistryStore models;
  private final VersionStore versions;

  RegistryService(RegistryStore models, VersionStore versions) {
    this.models = models;
    this.versions = versions;
  }

  public RegisteredModelView create(
      UUID projectId, String name, String description, Map<String, String> tags, String userId) {
    Names.requireModelName(name);
    if (models.find(projectId, name).isPresent()) {
      throw alreadyExists(name);
    }
    long now = System.currentTimeMillis();
    try {
      models.insert(projectId, new RegisteredModel(name, description, userId, now, now), tags);
    } catch (DataAccessException e) {
      if (models.find(projectId, name).isPresent()) {
        throw alreadyExists(name); // lost a race with an identical create
      }
      throw e;
    }
    return get(projectId, name);
  }

  @Transactional(readOnly = true)
  public RegisteredModelView get(UUID projectId, String name) {
    return view(projectId, require(projectId, name));
  }

  @Transactional(readOnly = true)
  public SearchPage<RegisteredModelView> search(
      UUID projectId, String filter, Integer maxResults, List<String> orderBy, String pageToken) {
    int limit = SearchPage.limit(maxResults, SEARCH_DEFAULT, SEARCH_MAX);
    long offset = SearchPage.offset(pageToken);
    SearchQuery.Sql where = SearchQuery.parse(filter, orderBy, SearchQuery.MODELS);
    List<RegisteredModel> page = models.search(projectId, where, limit + 1, offset);
    List<RegisteredModelView> views = new ArrayList<>();
    for (RegisteredModel model : page.subList(0, Math.min(limit, page.size()))) {
      views.add(view(projectId, model));
    }
    return new SearchPage<>(views, page.size() > limit ? SearchPage.token(offset + limit) : null);
  }

  @Transactional
  public RegisteredModelView update(UUID projectId, String name, String description) {
    require(projectId, name);
    models.describe(projectId, name, description, System.currentTimeMillis());
    return get(projectId, name);
  }

  public RegisteredModelView rename(UUID projectId, String name, String newName) {
    Names.requireModelName(newName);
    require(projectId, name);
    if (models.find(projectId, newName).isPresent()) {
      throw alreadyExists(newName);
    }
    try {
      models.rename(projectId, name, newName, System.currentTimeMillis());
    } catch (DataAccessException e) {
      if (models.find(projectId, newName).isPresent()) {
        throw alreadyExists(newName);
      }
      throw e;
    }
    return get(projectId, newName);
  }

  @Transactional
  public void delete(UUID projectId, String name) {
    require(projectId, name);
    models.delete(projectId, name);
  }

  @Transactional
  public void setTag(UUID projectId, String name, String key, String value) {
    Names.requireTagKey(key);
    require(projectId, name);
    models.setTag(projectId, name, key, value);
    models.touch(projectId, name, System.currentTimeMillis());
  }

  @Transactional
  public void deleteTag(UUID projectId, String name, String key) {
    require(projectId, name);
    if (models.deleteTag(projectId, name, key) == 0) {
      throw MlflowException.notFound(
          "No tag with name: " + key + " in registered model " + name + ".");
    }
  }

  @Transactional
  public void setAlias(UUID projectId, String name, String alias, String version) {
    requireAlias(alias);
    require(projectId, name);
    int number = Versions.require(versions, projectId, name, Names.version(version)).version();
    models.setAlias(projectId, name, alias, number);
    models.touch(projectId, name, System.currentTimeMillis());
  }

  @Transactional
  public void deleteAlias(UUID projectId, String name, String alias) {
    require(projectId, name);
    models.deleteAlias(projectId, name, alias);
  }

  @Transactional(readOnly = true)
  public ModelVersionView byAlias(UUID projectId, String name, String alias) {
    require(projectId, name);
    int version =
        models
            .alias(projectId, name, alias)
            .orElseThrow(
                () ->
                    MlflowException.notFound(
                        "Registered model alias " + alias + " not found for model " + name + "."));
    return Versions.view(versions, projectId, Versions.require(versions, projectId, name, version));
  }

  @Transactional(readOnly = true)
  public List<ModelVersionView> latestVersions(UUID projectId, String name, List<Stage> stages) {
    require(projectId, name);
    return versions.latest(projectId, name, stages).stream()
        .map(v -> Versions.view(versions, projectId, v))
        .toList();
  }

  RegisteredModel require(UUID projectId, String name) {
    Names.requireModelName(name);
    return models
        .find(projectId, name)
        .orElseThrow(
            () -> MlflowException.notFound("Registered Model with name=" + name + " not found"));
  }

  private RegisteredModelView view(UUID projectId, RegisteredModel model) {
    return new RegisteredModelView(
        model,
        models.tags(projectId, model.name()),
        models.aliases(projectId, model.name()),
        latestVersions(projectId, model.name(), List.of()));
  }

  private static void requireAlias(String alias) {
    if (alias == null || alias.isBlank()) {
      throw MlflowException.invalid("Missing value for required parameter 'alias'.");
    }
    if (alias.equalsIgnoreCase("latest") || VERSION_ALIAS.matcher(alias).matches()) {
      throw MlflowException.invalid(
          "'" + alias + "' alias name (case insensitive) is reserved: choose another.");
    }
    Names.requireLength("alias", alias, 256);
  }

  private static MlflowException alreadyExists(String name) {
    return MlflowException.alreadyExists("Registered Model (name=" + name + ") already exists.");
  }
}
