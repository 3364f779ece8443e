package io.fathom.controlplane.mlflow.tracking;

import io.fathom.controlplane.mlflow.MlflowException;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Runs of the caller's project: create, read, update, delete and restore. */
@Singleton
public class RunService {
  public static final String RUN_NAME_TAG = "mlflow.runName";

  private final RunStore runs;
  private final RunDataStore data;
  private final ExperimentService experiments;

  public RunService(RunStore runs, RunDataStore data, ExperimentService experiments) {
    this.runs = runs;
    this.data = data;
    this.experiments = experiments;
  }

  /** What {@code runs/create} carries. */
  public record NewRun(
      @Nullable String experimentId,
      @Nullable String userId,
      @Nullable Long startTime,
      @Nullable String runName,
      List<Tag> tags) {}

  @Transactional
  public RunDetails create(ProjectScope scope, NewRun request) {
    String experimentId =
        request.experimentId() == null || request.experimentId().isBlank()
            ? ExperimentService.DEFAULT_ID
            : request.experimentId();
    ExperimentRecord experiment = experiments.get(scope, experimentId);
    if (!experiment.active()) {
      throw MlflowException.invalidState(
          "The experiment " + experiment.id() + " must be in the 'active' state to create runs");
    }
    String runName = runName(request);
    Validation.maxLength("run_name", runName, 250);
    String runUuid = UUID.randomUUID().toString().replace("-", "");
    RunRecord run =
        new RunRecord(
            runUuid,
            scope.projectId(),
            experiment.id(),
            runName,
            request.userId(),
            RunStatus.RUNNING,
            request.startTime() == null ? System.currentTimeMillis() : request.startTime(),
            null,
            ExperimentRecord.ACTIVE,
            RunRecord.artifactUri(experiment.id(), runUuid));
    runs.insert(run);
    for (Tag tag : request.tags()) {
      if (!RUN_NAME_TAG.equals(tag.key())) {
        data.setTag(runUuid, Validation.tagKey(tag.key()), Validation.tagValue(tag.value()));
      }
    }
    data.setTag(runUuid, RUN_NAME_TAG, runName);
    return details(run);
  }

  @Transactional
  public RunDetails get(ProjectScope scope, @Nullable String runId) {
    return details(find(scope, runId));
  }

  /** {@code runs/update}: any of status, end time and name. */
  @Transactional
  public RunRecord update(
      ProjectScope scope,
      @Nullable String runId,
      @Nullable String status,
      @Nullable Long endTime,
      @Nullable String runName) {
    RunRecord run = active(scope, runId);
    RunStatus newStatus =
        status == null || status.isBlank() ? run.status() : RunStatus.parse(status);
    Long newEnd = endTime != null ? endTime : run.endTime();
    String newName = runName == null || runName.isBlank() ? run.runName() : runName;
    Validation.maxLength("run_name", newName == null ? "" : newName, 250);
    RunRecord updated =
        new RunRecord(
            run.runUuid(),
            run.projectId(),
            run.experimentId(),
            newName,
            run.userId(),
            newStatus,
            run.startTime(),
            newEnd,
            run.lifecycleStage(),
            run.artifactUri());
    runs.update(updated);
    if (newName != null && !newName.equals(run.runName())) {
      data.setTag(run.runUuid(), RUN_NAME_TAG, newName);
    }
    return updated;
  }

  @Transactional
  public void delete(ProjectScope scope, @Nullable String runId) {
    runs.setLifecycle(find(scope, runId).runUuid(), ExperimentRecord.DELETED);
  }

  @Transactional
  public void restore(ProjectScope scope, @Nullable String runId) {
    RunRecord run = find(scope, runId);
    ExperimentRecord experiment = experiments.get(scope, String.valueOf(run.experimentId()));
    if (!experiment.active()) {
      throw MlflowException.invalidState(
          "Cannot restore run " + run.runUuid() + ": its experiment is deleted");
    }
    runs.setLifecycle(run.runUuid(), ExperimentRecord.ACTIVE);
  }

  @Transactional
  public List<Metric> history(ProjectScope scope, @Nullable String runId, @Nullable String key) {
    RunRecord run = find(scope, runId);
    return data.history(run.runUuid(), Validation.required("metric_key", key));
  }

  /** A run of the project by {@code run_id} (or the older {@code run_uuid}); 404 if none. */
  public RunRecord find(ProjectScope scope, @Nullable String runId) {
    String id = Validation.required("run_id", runId);
    return runs.byId(scope.projectId(), id)
        .orElseThrow(() -> MlflowException.notFound("Run with id=" + id + " not found"));
  }

  /** A run that can still be logged to. */
  public RunRecord active(ProjectScope scope, @Nullable String runId) {
    RunRecord run = find(scope, runId);
    if (!run.active()) {
      throw MlflowException.invalid(
          "The run "
              + run.runUuid()
              + " must be in the 'active' state. Current state is "
              + run.lifecycleStage()
              + ".");
    }
    return run;
  }

  private RunDetails details(RunRecord run) {
    return runs.details(new ArrayList<>(List.of(run))).getFirst();
  }

  private static String runName(NewRun request) {
    if (request.runName() != null && !request.runName().isBlank()) {
      return request.runName();
    }
    for (Tag tag : request.tags()) {
      if (RUN_NAME_TAG.equals(tag.key()) && tag.value() != null && !tag.value().isBlank()) {
        return tag.value();
      }
    }
    return RunNames.generate();
  }
}
