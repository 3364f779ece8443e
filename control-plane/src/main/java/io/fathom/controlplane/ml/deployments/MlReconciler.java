package io.fathom.controlplane.ml.deployments;

import io.fathom.controlplane.config.PlaneId;
import io.fathom.controlplane.deploy.InstanceState;
import io.fathom.controlplane.instance.InstanceException;
import io.fathom.controlplane.instance.InstancePool;
import io.fathom.controlplane.instance.Workload;
import io.fathom.controlplane.mlflow.models.LoggedModel;
import io.fathom.controlplane.mlflow.models.LoggedModelId;
import io.fathom.controlplane.mlflow.models.LoggedModelService;
import io.fathom.runner.Instance;
import io.fathom.runner.Runner;
import io.fathom.runner.RunnerException;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, model deployments meet the engine again: a rollout that was in progress when the
 * control plane died is failed ({@code interrupted}; a running deployment keeps its old revision),
 * a running revision adopts its instance when it still runs (else it is kept cold and started
 * again), and model server instances of no running revision are removed.
 */
@Singleton
public class MlReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(MlReconciler.class);

  private final Runner runner;
  private final InstancePool pool;
  private final MlDeploymentRepository repo;
  private final MlDeploymentService service;
  private final LoggedModelService models;
  private final ModelWorkloads workloads;
  private final ModelServerImageSource images;
  private final PlaneId plane;

  public MlReconciler(
      PlaneId plane,
      Runner runner,
      InstancePool pool,
      MlDeploymentRepository repo,
      MlDeploymentService service,
      LoggedModelService models,
      ModelWorkloads workloads,
      ModelServerImageSource images) {
    this.plane = plane;
    this.runner = runner;
    this.pool = pool;
    this.repo = repo;
    this.service = service;
    this.models = models;
    this.workloads = workloads;
    this.images = images;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    Thread.ofVirtual().name("ml-reconcile").start(this::reconcile);
  }

  public synchronized void reconcile() {
    for (MlDeploymentEntity d : repo.findAll()) {
      if (d.nextWorkload() != null && !pool.has(d.nextWorkload())) {
        service.interrupted(d.id(), d.nextWorkload());
      }
    }
    List<Instance> instances;
    try {
      instances =
          runner.list(
              Map.of(Workload.LABEL_TYPE, ModelWorkloads.TYPE, PlaneId.LABEL, plane.value()));
    } catch (RunnerException e) {
      LOG.warn("Cannot list model instances to reconcile: {}", e.getMessage());
      instances = List.of();
    }
    Set<UUID> serving =
        repo.findByStatus(MlDeploymentStatus.RUNNING.wire()).stream()
            .map(MlDeploymentEntity::runningWorkload)
            .filter(java.util.Objects::nonNull)
            .collect(Collectors.toSet());
    Map<UUID, Instance> adoptable = new HashMap<>();
    for (Instance instance : instances) {
      UUID workload = workload(instance);
      if (workload != null
          && serving.contains(workload)
          && instance.running()
          && !adoptable.containsKey(workload)
          && !pool.has(workload)) {
        adoptable.put(workload, instance);
      } else if (workload == null || !pool.isInstance(workload, instance.id())) {
        try {
          runner.remove(instance.id(), Duration.ofSeconds(2));
        } catch (RunnerException e) {
          LOG.warn("Cannot remove model instance {}: {}", instance.id(), e.getMessage());
        }
      }
    }
    for (MlDeploymentEntity d : repo.findByStatus(MlDeploymentStatus.RUNNING.wire())) {
      UUID workloadId = d.runningWorkload();
      if (workloadId == null || pool.has(workloadId)) {
        continue;
      }
      try {
        var model =
            models
                .find(d.projectId(), new LoggedModelId(d.runningModelId()))
                .map(LoggedModel::entity)
                .orElseThrow();
        Workload workload =
            workloads.of(
                d, workloadId, model, images.image(d.servingGpu() != null), service.token(d));
        Instance instance = adoptable.get(workloadId);
        if (instance != null) {
          pool.adopt(workload, instance);
          service.stateChanged(workloadId, InstanceState.HOT);
        } else {
          pool.register(workload);
          service.stateChanged(workloadId, InstanceState.COLD);
        }
      } catch (InstanceException | RuntimeException e) {
        LOG.warn("Cannot rebuild model deployment {}: {}", d.id(), e.getMessage());
      }
    }
  }

  private static UUID workload(Instance instance) {
    try {
      String label = instance.labels().get(Workload.LABEL_DEPLOYMENT);
      return label == null ? null : UUID.fromString(label);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
