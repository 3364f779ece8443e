package io.fathom.controlplane.mlflow.models;

import io.fathom.controlplane.mlflow.MlflowException;
import io.fathom.controlplane.mlflow.artifacts.ArtifactPath;
import io.fathom.controlplane.mlflow.artifacts.ArtifactStore;
import io.fathom.controlplane.mlflow.artifacts.ArtifactUris;
import io.fathom.controlplane.mlflow.tracking.ExperimentRecord;
import io.fathom.controlplane.mlflow.tracking.ExperimentService;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MLflow 3 logged models of the caller's project: create (files go to {@code
 * mlflow-artifacts:/<experiment_id>/models/<model_id>/artifacts}), finalize (reads the MLmodel:
 * ready with kind, schema and input example, or upload-failed with the reason), tags, params, run
 * outputs and delete. Unknown ids and other projects' models are 404.
 */
@Singleton
public class LoggedModelService {
  private static final Logger LOG = LoggerFactory.getLogger(LoggedModelService.class);

  /** What a create request asks for. */
  public record CreateSpec(
      @Nullable String experimentId,
      @Nullable String name,
      @Nullable String sourceRunId,
      @Nullable String modelType,
      List<KeyValue> params,
      List<KeyValue> tags) {}

  private final LoggedModelRepository models;
  private final LoggedModelExtras extras;
  private final ExperimentService experiments;
  private final ModelInspector inspector;
  private final ArtifactStore store;

  public LoggedModelService(
      LoggedModelRepository models,
      LoggedModelExtras extras,
      ExperimentService experiments,
      ModelInspector inspector,
      ArtifactStore store) {
    this.models = models;
    this.extras = extras;
    this.experiments = experiments;
    this.inspector = inspector;
    this.store = store;
  }

  @Transactional
  public LoggedModel create(ProjectScope scope, CreateSpec spec) {
    if (spec.experimentId() == null || spec.experimentId().isBlank()) {
      throw MlflowException.invalid("Missing value for required parameter 'experiment_id'.");
    }
    ExperimentRecord experiment = experiments.get(scope, spec.experimentId());
    if (!experiment.active()) {
      throw MlflowException.invalidState(
          "The experiment " + experiment.id() + " must be in the 'active' state");
    }
    if (spec.sourceRunId() != null && !extras.runExists(scope.projectId(), spec.sourceRunId())) {
      throw MlflowException.notFound("Run with id=" + spec.sourceRunId() + " not found");
    }
    LoggedModelId id = LoggedModelId.random();
    String name = spec.name() == null || spec.name().isBlank() ? "model" : spec.name();
    Validation.maxLength("name", name, 500);
    long now = System.currentTimeMillis();
    String location =
        ArtifactUris.of(
            ArtifactPath.parse(experiment.id() + "/models/" + id.mlflow() + "/artifacts"));
    models.save(
        new LoggedModelEntity(
            id.uuid(),
            id.mlflow(),
            scope.projectId(),
            experiment.id(),
            name,
            spec.sourceRunId(),
            spec.modelType(),
            location,
            LoggedModelStatus.PENDING.wire(),
            null,
            ModelKind.UNKNOWN.wire(),
            null,
            null,
            null,
            null,
            null,
            now,
            now));
    for (KeyValue tag : spec.tags()) {
      extras.setTag(id.uuid(), Validation.key("tag", tag.key()), Validation.value(tag.value()));
    }
    logParams(id.uuid(), spec.params());
    return load(entity(scope, id.mlflow()));
  }

  @Transactional(readOnly = true)
  public LoggedModel get(ProjectScope scope, String modelId) {
    return load(entity(scope, modelId));
  }

  /**
   * Moves the model to {@code status}. Finalizing as ready reads the MLmodel first: when it is
   * missing or unusable the model becomes upload-failed with the reason instead.
   */
  @Transactional
  public LoggedModel finalizeModel(ProjectScope scope, String modelId, @Nullable String status) {
    LoggedModelEntity model = entity(scope, modelId);
    if (status == null) {
      throw MlflowException.invalid("Missing value for required parameter 'status'.");
    }
    LoggedModelStatus next = LoggedModelStatus.fromMlflow(status);
    LoggedModelStatus current = model.statusValue();
    if (!current.canMoveTo(next)) {
      throw MlflowException.invalidState(
          "Logged model "
              + modelId
              + " is "
              + current.mlflow()
              + " and cannot become "
              + next.mlflow());
    }
    long now = System.currentTimeMillis();
    LoggedModelEntity updated;
    if (next == LoggedModelStatus.READY) {
      ModelInspector.Inspection inspection =
          inspector.inspect(scope.projectId(), model.artifactPath());
      if (inspection.status() != LoggedModelStatus.READY) {
        LOG.info("Logged model {} failed its upload check: {}", modelId, inspection.message());
      }
      updated = model.inspected(inspection, now);
    } else {
      updated =
          model.inspected(
              ModelInspector.Inspection.failed(
                  "The client reported that uploading the model files failed",
                  store.totalSize(scope.projectId(), model.artifactPath())),
              now);
    }
    models.update(updated);
    return load(updated);
  }

  @Transactional
  public void delete(ProjectScope scope, String modelId) {
    remove(scope.projectId(), entity(scope, modelId));
  }

  @Transactional
  public LoggedModel setTags(ProjectScope scope, String modelId, List<KeyValue> tags) {
    LoggedModelEntity model = entity(scope, modelId);
    for (KeyValue tag : tags) {
      extras.setTag(model.id(), Validation.key("tag", tag.key()), Validation.value(tag.value()));
    }
    models.update(model.touched(System.currentTimeMillis()));
    return load(entity(scope, modelId));
  }

  @Transactional
  public void deleteTag(ProjectScope scope, String modelId, String key) {
    LoggedModelEntity model = entity(scope, modelId);
    if (!extras.deleteTag(model.id(), key)) {
      throw MlflowException.notFound("No tag with key '" + key + "' on logged model " + modelId);
    }
  }

  @Transactional
  public void logParams(ProjectScope scope, String modelId, List<KeyValue> params) {
    logParams(entity(scope, modelId).id(), params);
  }

  /** {@code runs/outputs}: records that the run produced these models. */
  @Transactional
  public void logOutputs(ProjectScope scope, @Nullable String runId, List<ModelOutput> outputs) {
    if (runId == null || !extras.runExists(scope.projectId(), runId)) {
      throw MlflowException.notFound("Run with id=" + runId + " not found");
    }
    for (ModelOutput output : outputs) {
      LoggedModelEntity model = entity(scope, output.modelId());
      extras.linkOutput(scope.projectId(), runId, model.id(), output.step());
    }
  }

  /** A model a run produced, at a step. */
  public record ModelOutput(String modelId, long step) {}

  private void logParams(UUID id, List<KeyValue> params) {
    for (KeyValue param : params) {
      String key = Validation.key("param", param.key());
      if (!extras.setParam(id, key, Validation.value(param.value()))) {
        throw MlflowException.invalid(
            "Changing param values is not allowed. Param with key='"
                + key
                + "' was already logged");
      }
    }
  }

  /** For the platform view: a model of the project, or empty. */
  @Transactional(readOnly = true)
  public Optional<LoggedModel> find(UUID projectId, LoggedModelId id) {
    return models.findByIdAndProjectId(id.uuid(), projectId).map(this::load);
  }

  /** For the platform view: deletes a model of the project; false when there is none. */
  @Transactional
  public boolean delete(UUID projectId, LoggedModelId id) {
    Optional<LoggedModelEntity> model = models.findByIdAndProjectId(id.uuid(), projectId);
    model.ifPresent(m -> remove(projectId, m));
    return model.isPresent();
  }

  private void remove(UUID projectId, LoggedModelEntity model) {
    models.delete(model);
    if (model.artifactPath().equals(ownDirectory(model))) {
      store.delete(
          projectId, ArtifactPath.parse(model.experimentId() + "/models/" + model.modelId()));
    }
  }

  LoggedModelEntity entity(ProjectScope scope, String modelId) {
    return LoggedModelId.parse(modelId)
        .flatMap(id -> models.findByIdAndProjectId(id.uuid(), scope.projectId()))
        .orElseThrow(
            () -> MlflowException.notFound("Logged model with ID '" + modelId + "' not found."));
  }

  LoggedModel load(LoggedModelEntity model) {
    List<UUID> ids = List.of(model.id());
    return new LoggedModel(
        model,
        extras.tags(ids).getOrDefault(model.id().toString(), List.of()),
        extras.params(ids).getOrDefault(model.id().toString(), List.of()));
  }

  /** {@code <experiment>/models/<model_id>}: the directory a model created here owns. */
  static ArtifactPath ownDirectory(LoggedModelEntity model) {
    return ArtifactPath.parse(model.experimentId() + "/models/" + model.modelId() + "/artifacts");
  }
}
