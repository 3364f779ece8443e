package io.fathom.controlplane.mlflow.tracking;

import io.fathom.controlplane.mlflow.MlflowException;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/**
 * Experiments of the caller's project. Experiment id {@code "0"} is the project's "Default"
 * experiment, made on first use because MLflow clients assume it exists.
 */
@Singleton
public class ExperimentService {
  public static final String DEFAULT_ID = "0";

  private final ExperimentStore store;
  private final TrackingSql sql;

  public ExperimentService(ExperimentStore store, TrackingSql sql) {
    this.store = store;
    this.sql = sql;
  }

  @Transactional
  public ExperimentRecord create(ProjectScope scope, @Nullable String name, List<Tag> tags) {
    String checked = Validation.required("name", name);
    Validation.maxLength("name", checked, 500);
    if (store.byName(scope.projectId(), checked).isPresent()) {
      throw taken(checked);
    }
    ExperimentRecord created;
    try {
      created = store.insert(scope.projectId(), checked, System.currentTimeMillis());
    } catch (DataAccessException e) {
      throw taken(checked);
    }
    for (Tag tag : tags) {
      store.setTag(created.id(), Validation.tagKey(tag.key()), Validation.tagValue(tag.value()));
    }
    return store.byId(scope.projectId(), created.id()).orElseThrow();
  }

  /** An experiment by its MLflow id; {@code "0"} is the Default experiment. */
  @Transactional
  public ExperimentRecord get(ProjectScope scope, @Nullable String experimentId) {
    if (DEFAULT_ID.equals(experimentId)) {
      return defaultExperiment(scope.projectId());
    }
    return store
        .byId(scope.projectId(), parseId(experimentId))
        .orElseThrow(() -> missing(experimentId));
  }

  @Transactional
  public ExperimentRecord getByName(ProjectScope scope, @Nullable String name) {
    String checked = Validation.required("experiment_name", name);
    if (checked.equals(ExperimentRecord.DEFAULT_NAME)) {
      defaultExperiment(scope.projectId());
    }
    return store
        .byName(scope.projectId(), checked)
        .orElseThrow(
            () ->
                MlflowException.notFound("Could not find experiment with name '" + checked + "'"));
  }

  @Transactional
  public ExperimentRecord rename(
      ProjectScope scope, @Nullable String experimentId, @Nullable String newName) {
    ExperimentRecord experiment = get(scope, experimentId);
    String name = Validation.required("new_name", newName);
    Validation.maxLength("new_name", name, 500);
    if (!experiment.active()) {
      throw MlflowException.invalidState(
          "Cannot rename a non-active experiment " + experiment.id());
    }
    if (!name.equals(experiment.name())) {
      if (store.byName(scope.projectId(), name).isPresent()) {
        throw taken(name);
      }
      store.rename(experiment.id(), name, System.currentTimeMillis());
    }
    return store.byId(scope.projectId(), experiment.id()).orElseThrow();
  }

  /** Deletes (soft) the experiment and its runs; the Default experiment cannot be deleted. */
  @Transactional
  public void delete(ProjectScope scope, @Nullable String experimentId) {
    ExperimentRecord experiment = get(scope, experimentId);
    if (experiment.name().equals(ExperimentRecord.DEFAULT_NAME)) {
      throw MlflowException.invalid("Cannot delete the default experiment '" + experimentId + "'");
    }
    setLifecycle(experiment, ExperimentRecord.DELETED);
  }

  @Transactional
  public void restore(ProjectScope scope, @Nullable String experimentId) {
    setLifecycle(get(scope, experimentId), ExperimentRecord.ACTIVE);
  }

  @Transactional
  public void setTag(
      ProjectScope scope,
      @Nullable String experimentId,
      @Nullable String key,
      @Nullable String value) {
    ExperimentRecord experiment = get(scope, experimentId);
    if (!experiment.active()) {
      throw MlflowException.invalidState(
          "The experiment " + experiment.id() + " must be in the 'active' state");
    }
    store.setTag(experiment.id(), Validation.tagKey(key), Validation.tagValue(value));
  }

  /** The project's Default experiment, created if missing. */
  @Transactional
  public ExperimentRecord defaultExperiment(UUID projectId) {
    return store
        .byName(projectId, ExperimentRecord.DEFAULT_NAME)
        .orElseGet(
            () ->
                store.insert(projectId, ExperimentRecord.DEFAULT_NAME, System.currentTimeMillis()));
  }

  private void setLifecycle(ExperimentRecord experiment, String stage) {
    long now = System.currentTimeMillis();
    store.setLifecycle(experiment.id(), stage, now);
    sql.update(
        "UPDATE mlflow_runs SET lifecycle_stage = ?, deleted_time = ? WHERE experiment_id = ?",
        stage,
        stage.equals(ExperimentRecord.DELETED) ? now : null,
        experiment.id());
  }

  static long parseId(@Nullable String experimentId) {
    String id = Validation.required("experiment_id", experimentId);
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw missing(id);
    }
  }

  static MlflowException missing(@Nullable String experimentId) {
    return MlflowException.notFound("No Experiment with id=" + experimentId + " exists");
  }

  private static MlflowException taken(String name) {
    return MlflowException.alreadyExists("Experiment '" + name + "' already exists.");
  }
}
