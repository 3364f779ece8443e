package io.fathom.controlplane.ml.deployments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fathom.controlplane.common.ApiException;
import io.fathom.controlplane.deploy.InstanceState;
import io.fathom.controlplane.deploy.WorkloadFactory;
import io.fathom.controlplane.function.ServingGpu;
import io.fathom.controlplane.function.ServingSize;
import io.fathom.controlplane.instance.HostFit;
import io.fathom.controlplane.instance.InstanceException;
import io.fathom.controlplane.instance.InstanceListener;
import io.fathom.controlplane.instance.InstancePool;
import io.fathom.controlplane.instance.LiveInstance;
import io.fathom.controlplane.mlflow.models.LoggedModel;
import io.fathom.controlplane.mlflow.models.LoggedModelEntity;
import io.fathom.controlplane.mlflow.models.LoggedModelId;
import io.fathom.controlplane.mlflow.models.LoggedModelService;
import io.fathom.controlplane.mlflow.models.LoggedModelStatus;
import io.fathom.controlplane.secret.SecretBox;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.fathom.controlplane.tenancy.TenantAdmin;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model deployments (document section 8): a logged ONNX model served by the model server. Create
 * and every update of the model, size or GPU roll out a new revision ({@code nextRevision}): its
 * instance must be ready (after the server's warmup) before it takes inference and the previous
 * revision stops ({@code runningRevision}). A failed first revision fails the deployment; a failed
 * update leaves the old revision serving and says why in the state.
 */
@Singleton
public class MlDeploymentService implements InstanceListener {
  private static final Logger LOG = LoggerFactory.getLogger(MlDeploymentService.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String LOGGED_MODEL = "logged-model";
  public static final String HUGGING_FACE = "hugging-face";

  private final MlDeploymentRepository repo;
  private final LoggedModelService models;
  private final InstancePool pool;
  private final ModelWorkloads workloads;
  private final ModelServerImageSource images;
  private final TenantAdmin tenants;
  private final SecretBox box;
  private final HostFit hostFit;
  private final ConcurrentMap<UUID, Object> locks = new ConcurrentHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  public MlDeploymentService(
      MlDeploymentRepository repo,
      LoggedModelService models,
      InstancePool pool,
      ModelWorkloads workloads,
      ModelServerImageSource images,
      TenantAdmin tenants,
      SecretBox box,
      HostFit hostFit) {
    this.repo = repo;
    this.models = models;
    this.pool = pool;
    this.workloads = workloads;
    this.images = images;
    this.tenants = tenants;
    this.box = box;
    this.hostFit = hostFit;
  }

  /** What a create asks for. {@code tags} values may be null (a tag without a value). */
  public record CreateSpec(
      @Nullable String modelKind,
      @Nullable String modelId,
      @Nullable String name,
      @Nullable String description,
      @Nullable String servingSize,
      @Nullable String servingGpu,
      @Nullable Map<String, String> tags) {}

  /** A PATCH: null fields stay; a tag whose value is null is removed. */
  public record Changes(
      @Nullable String modelKind,
      @Nullable String modelId,
      @Nullable String name,
      @Nullable String description,
      @Nullable String servingSize,
      @Nullable String servingGpu,
      boolean gpuGiven,
      @Nullable Map<String, String> tags) {}

  public MlDeploymentEntity create(ProjectScope scope, CreateSpec spec) {
    LoggedModelEntity model = model(scope, spec.modelKind(), spec.modelId());
    String name = name(spec.name());
    String description = spec.description() == null ? "" : spec.description();
    ServingSize size = ServingSize.parse(spec.servingSize() == null ? "small" : spec.servingSize());
    ServingGpu gpu = spec.servingGpu() == null ? null : ServingGpu.parse(spec.servingGpu());
    hostFit.check(WorkloadFactory.resources(size.wire(), gpu == null ? null : gpu.wire()));
    if (repo.existsByProjectIdAndName(scope.projectId(), name)) {
      throw nameTaken(name);
    }
    Instant now = now();
    MlDeploymentEntity entity =
        new MlDeploymentEntity(
            UUID.randomUUID(),
            scope.organizationId(),
            scope.projectId(),
            scope.userId(),
            name,
            description,
            LOGGED_MODEL,
            model.id(),
            size.wire(),
            gpu == null ? null : gpu.wire(),
            tags(new TreeMap<>(), spec.tags()),
            MlDeploymentStatus.PENDING.wire(),
            null,
            null,
            null,
            null,
            null,
            1,
            null,
            UUID.randomUUID(),
            null,
            null,
            null,
            now,
            now);
    try {
      repo.save(entity);
    } catch (DataAccessException e) {
      throw nameTaken(name);
    }
    startRollout(entity.id());
    return entity;
  }

  public MlDeploymentEntity get(ProjectScope scope, UUID id) {
    return repo.findByIdAndProjectId(id, scope.projectId())
        .orElseThrow(() -> ApiException.notFound("deployment", id));
  }

  public MlDeploymentEntity update(ProjectScope scope, UUID id, Changes changes) {
    synchronized (lock(id)) {
      MlDeploymentEntity current = get(scope, id);
      LoggedModelEntity model =
          changes.modelId() == null && changes.modelKind() == null
              ? null
              : model(scope, changes.modelKind(), changes.modelId());
      String name = changes.name() == null ? current.name() : name(changes.name());
      if (!name.equals(current.name()) && repo.existsByProjectIdAndName(scope.projectId(), name)) {
        throw nameTaken(name);
      }
      String size =
          changes.servingSize() == null
              ? current.servingSize()
              : ServingSize.parse(changes.servingSize()).wire();
      String gpu =
          !changes.gpuGiven()
              ? current.servingGpu()
              : changes.servingGpu() == null || changes.servingGpu().equals(ServingGpu.NONE)
                  ? null
                  : ServingGpu.parse(changes.servingGpu()).wire();
      UUID modelId = model == null ? current.modelId() : model.id();
      boolean rollout =
          !modelId.equals(current.modelId())
              || !size.equals(current.servingSize())
              || !java.util.Objects.equals(gpu, current.servingGpu())
              || current.statusValue() == MlDeploymentStatus.FAILED;
      if (rollout) {
        hostFit.check(WorkloadFactory.resources(size, gpu));
      }
      Map<String, String> tags = readTags(current.tags());
      String tagText = changes.tags() == null ? current.tags() : tags(tags, changes.tags());
      String description =
          changes.description() == null ? current.description() : changes.description();
      MlDeploymentEntity updated =
          current.with(
              b -> {
                b.name = name;
                b.description = description;
                b.tags = tagText;
                b.modelId = modelId;
                b.servingSize = size;
                b.servingGpu = gpu;
                if (rollout) {
                  int last =
                      Math.max(
                          current.runningRevision() == null ? 0 : current.runningRevision(),
                          current.nextRevision() == null ? 0 : current.nextRevision());
                  b.nextRevision = last + 1;
                  b.nextWorkload = UUID.randomUUID();
                  if (current.statusValue() == MlDeploymentStatus.FAILED) {
                    b.status = MlDeploymentStatus.PENDING.wire();
                    b.errorCode = null;
                    b.stateMessage = null;
                  }
                }
              });
      try {
        repo.update(updated);
      } catch (DataAccessException e) {
        throw nameTaken(name);
      }
      if (rollout) {
        if (current.nextWorkload() != null) {
          pool.stop(current.nextWorkload());
        }
        startRollout(id);
      }
      return updated;
    }
  }

  public void delete(ProjectScope scope, UUID id) {
    synchronized (lock(id)) {
      MlDeploymentEntity d = get(scope, id);
      repo.deleteById(d.id());
      stopAll(d);
    }
  }

  /** The running revision's workload, for the inference proxy. */
  public UUID servingWorkload(MlDeploymentEntity d) {
    if (d.runningWorkload() == null || !pool.has(d.runningWorkload())) {
      throw new ApiException(
          io.micronaut.http.HttpStatus.SERVICE_UNAVAILABLE,
          "not-ready",
          "Deployment '" + d.name() + "' is " + d.status() + " and not serving yet");
    }
    return d.runningWorkload();
  }

  /** The deployment's token in clear (to start more instances of it). */
  public String token(MlDeploymentEntity d) {
    return d.sealedToken() == null ? null : box.open(d.sealedToken());
  }

  @Override
  public void stateChanged(UUID workloadId, InstanceState state) {
    repo.findByRunningWorkload(workloadId)
        .ifPresent(
            d -> {
              synchronized (lock(d.id())) {
                repo.findById(d.id())
                    .filter(now -> workloadId.equals(now.runningWorkload()))
                    .ifPresent(now -> repo.update(now.with(b -> b.state = state.wire())));
              }
            });
  }

  private void startRollout(UUID id) {
    Thread.ofVirtual().name("ml-rollout-" + id).start(() -> rollout(id));
  }

  private void rollout(UUID id) {
    MlDeploymentEntity d = repo.findById(id).orElse(null);
    if (d == null || d.nextWorkload() == null) {
      return;
    }
    UUID workloadId = d.nextWorkload();
    try {
      String token = ensureToken(d);
      LoggedModelEntity model =
          models
              .find(d.projectId(), new LoggedModelId(d.modelId()))
              .map(LoggedModel::entity)
              .orElseThrow(
                  () ->
                      new InstanceException(
                          "invalid-logged-model-id", "The logged model no longer exists"));
      hostFit.checkGpus(WorkloadFactory.resources(d.servingSize(), d.servingGpu()));
      String image = images.image(d.servingGpu() != null);
      LiveInstance live = pool.start(workloads.of(d, workloadId, model, image, token));
      String provider = provider(live);
      synchronized (lock(id)) {
        Optional<MlDeploymentEntity> now = repo.findById(id);
        if (now.isEmpty() || !workloadId.equals(now.get().nextWorkload())) {
          pool.stop(workloadId);
          return;
        }
        UUID previous = now.get().runningWorkload();
        repo.update(
            now.get()
                .with(
                    b -> {
                      b.status = MlDeploymentStatus.RUNNING.wire();
                      b.state = InstanceState.HOT.wire();
                      b.provider = provider;
                      b.errorCode = null;
                      b.stateMessage = null;
                      b.runningRevision = now.get().nextRevision();
                      b.runningWorkload = workloadId;
                      b.runningModelId = now.get().modelId();
                      b.nextRevision = null;
                      b.nextWorkload = null;
                    }));
        if (previous != null) {
          pool.stop(previous);
        }
      }
      LOG.info("Model deployment {} serves revision r{}", id, d.nextRevision());
    } catch (InstanceException e) {
      failed(id, workloadId, e.code(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed(id, workloadId, "interrupted", "The control plane stopped during the rollout");
    } catch (RuntimeException e) {
      LOG.warn("Model deployment {} rollout failed", id, e);
      failed(id, workloadId, "rollout-failed", "The rollout failed: " + e.getMessage());
    }
  }

  /** A rollout the previous control-plane process did not finish. */
  void interrupted(UUID id, UUID workloadId) {
    failed(id, workloadId, "interrupted", "The control plane stopped during the rollout");
  }

  private void failed(UUID id, UUID workloadId, String code, String message) {
    LOG.warn("Model deployment {} rollout failed: {}", id, code);
    synchronized (lock(id)) {
      repo.findById(id)
          .filter(d -> workloadId.equals(d.nextWorkload()))
          .ifPresent(
              d ->
                  repo.update(
                      d.with(
                          b -> {
                            b.errorCode = code;
                            b.stateMessage =
                                d.runningWorkload() == null
                                    ? message
                                    : "The update to revision r"
                                        + d.nextRevision()
                                        + " failed; revision r"
                                        + d.runningRevision()
                                        + " keeps serving. "
                                        + message;
                            b.nextRevision = null;
                            b.nextWorkload = null;
                            if (d.runningWorkload() == null) {
                              b.status = MlDeploymentStatus.FAILED.wire();
                              b.state = null;
                              b.modelId = d.modelId();
                            } else {
                              b.modelId = d.runningModelId();
                            }
                          })));
    }
  }

  /** The execution provider the instance's session runs on, from its {@code GET /v2}. */
  private String provider(LiveInstance live) {
    try {
      HttpResponse<String> reply =
          http.send(
              HttpRequest.newBuilder(live.uri("/v2")).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode provider = JSON.readTree(reply.body()).path("fathom").path("provider");
      return provider.isMissingNode() ? null : provider.asText();
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private String ensureToken(MlDeploymentEntity d) {
    synchronized (lock(d.id())) {
      MlDeploymentEntity current = repo.findById(d.id()).orElse(d);
      if (current.sealedToken() != null) {
        return box.open(current.sealedToken());
      }
      var issued =
          tenants.issue(
              d.organizationId(), d.userId(), d.projectId(), "ml-deployment-" + d.id(), null);
      repo.update(
          current.with(
              b -> {
                b.tokenId = issued.token().id();
                b.sealedToken = box.seal(issued.secret());
              }));
      return issued.secret();
    }
  }

  private void stopAll(MlDeploymentEntity d) {
    if (d.runningWorkload() != null) {
      pool.stop(d.runningWorkload());
    }
    if (d.nextWorkload() != null) {
      pool.stop(d.nextWorkload());
    }
    if (d.tokenId() != null) {
      tenants.revokeIssued(d.tokenId());
    }
  }

  /** The logged model a deployment may serve: this project's, finalized, ONNX. */
  private LoggedModelEntity model(ProjectScope scope, String kind, String modelId) {
    String k = kind == null ? LOGGED_MODEL : kind;
    if (k.equals(HUGGING_FACE)) {
      throw ApiException.badRequest(
          "unsupported-model-kind",
          "Hugging Face deployments are not supported yet; deploy a logged model (model.kind"
              + " \"logged-model\")");
    }
    if (!k.equals(LOGGED_MODEL)) {
      throw ApiException.badRequest(
          "unsupported-model-kind",
          "model.kind must be \"logged-model\" (or \"hugging-face\", not supported yet), got '"
              + k
              + "'");
    }
    if (modelId == null || modelId.isBlank()) {
      throw ApiException.badRequest("invalid-logged-model-id", "model.modelId is required");
    }
    LoggedModelEntity model =
        LoggedModelId.parse(modelId)
            .flatMap(id -> models.find(scope.projectId(), id))
            .map(LoggedModel::entity)
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "invalid-logged-model-id",
                        "No logged model '" + modelId + "' in this project"));
    if (model.statusValue() != LoggedModelStatus.READY) {
      throw ApiException.badRequest(
          "invalid-logged-model-id",
          "Logged model '" + modelId + "' is " + model.status() + "; only ready models deploy");
    }
    if (!model.kind().equals("onnx")) {
      throw ApiException.badRequest(
          "invalid-logged-model-id",
          "Logged model '"
              + modelId
              + "' is a "
              + model.kind()
              + " model; the model server serves ONNX models (log it with mlflow.onnx)");
    }
    return model;
  }

  private static String name(String name) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw ApiException.badRequest("invalid-name", "name is required and at most 200 characters");
    }
    return name;
  }

  private static ApiException nameTaken(String name) {
    return ApiException.conflict(
        "name-taken", "A deployment named '" + name + "' already exists in this project");
  }

  static Map<String, String> readTags(String json) {
    try {
      Map<String, String> out = new TreeMap<>();
      JSON.readTree(json)
          .fields()
          .forEachRemaining(
              e -> out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String tags(Map<String, String> base, @Nullable Map<String, String> changes) {
    Map<String, String> merged = new LinkedHashMap<>(base);
    if (changes != null) {
      changes.forEach(
          (k, v) -> {
            if (k == null || k.isBlank() || k.length() > 250) {
              throw ApiException.badRequest("invalid-tag", "tag keys are 1 to 250 characters");
            }
            if (v == null) {
              merged.remove(k);
            } else {
              merged.put(k, v);
            }
          });
    }
    try {
      return JSON.writeValueAsString(new TreeMap<>(merged));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Object lock(UUID id) {
    return locks.computeIfAbsent(id, k -> new Object());
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
