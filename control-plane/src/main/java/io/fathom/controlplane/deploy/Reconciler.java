package io.fathom.controlplane.deploy;

import io.fathom.controlplane.call.CallStore;
import io.fathom.controlplane.config.PlaneId;
import io.fathom.controlplane.function.FunctionService;
import io.fathom.controlplane.instance.InstancePool;
import io.fathom.controlplane.instance.Workload;
import io.fathom.runner.Instance;
import io.fathom.runner.Runner;
import io.fathom.runner.RunnerException;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, makes the engine and the database agree after the previous process died: calls that
 * were running end {@code failed}/{@code interrupted}, deployments that were still starting end the
 * same way, running deployments adopt their instance when it is still running (extra ones and
 * instances of no running deployment are removed), and a running deployment whose instance is gone
 * is kept cold (the next call, or its minimum of one, starts a new one).
 */
@Singleton
public class Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  static final String INTERRUPTED = "interrupted";

  private final Runner runner;
  private final InstancePool pool;
  private final DeploymentStore deployments;
  private final DeploymentService service;
  private final CallStore calls;
  private final FunctionService functions;
  private final WorkloadFactory workloads;
  private final PlaneId plane;

  public Reconciler(
      PlaneId plane,
      Runner runner,
      InstancePool pool,
      DeploymentStore deployments,
      DeploymentService service,
      CallStore calls,
      FunctionService functions,
      WorkloadFactory workloads) {
    this.plane = plane;
    this.runner = runner;
    this.pool = pool;
    this.deployments = deployments;
    this.service = service;
    this.calls = calls;
    this.functions = functions;
    this.workloads = workloads;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    reconcile();
  }

  /** One pass; safe to run again. */
  public synchronized void reconcile() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    int interrupted =
        calls.failAllRunning(
            INTERRUPTED, "The control plane stopped while the call was running", now);
    if (interrupted > 0) {
      LOG.warn(
          "{} call(s) were running when the control plane stopped: marked interrupted",
          interrupted);
    }
    for (Deployment d : deployments.withStatus(DeploymentStatus.PENDING)) {
      if (!pool.has(d.id())) {
        deployments.end(
            d.id(),
            DeploymentStatus.PENDING,
            DeploymentStatus.FAILED,
            INTERRUPTED,
            "The control plane stopped while the deployment was starting",
            now);
      }
    }
    List<Instance> instances;
    try {
      instances =
          runner.list(
              Map.of(Workload.LABEL_TYPE, WorkloadFactory.TYPE, PlaneId.LABEL, plane.value()));
    } catch (RunnerException e) {
      LOG.warn("Cannot list instances to reconcile ({}): {}", e.code(), e.getMessage());
      instances = List.of();
    }
    Map<UUID, Instance> adopted = new HashMap<>();
    for (Instance instance : instances) {
      UUID deploymentId = deploymentOf(instance);
      Optional<Deployment> d =
          deploymentId == null ? Optional.empty() : deployments.find(deploymentId);
      boolean wanted =
          d.isPresent()
              && d.get().status() == DeploymentStatus.RUNNING
              && instance.running()
              && !adopted.containsKey(deploymentId)
              && !pool.has(deploymentId);
      if (wanted) {
        adopted.put(deploymentId, instance);
      } else if (!pool.isInstance(deploymentId, instance.id())) {
        LOG.info("Removing stray instance {} ({})", instance.name(), instance.id());
        remove(instance);
      }
    }
    for (Deployment d : deployments.withStatus(DeploymentStatus.RUNNING)) {
      if (pool.has(d.id())) {
        continue;
      }
      Workload workload;
      try {
        workload = workloads.of(functions.byId(d.functionId()), d, service.token(d));
      } catch (RuntimeException e) {
        LOG.warn("Cannot rebuild deployment {}: {}", d.id(), e.getMessage());
        continue;
      }
      Instance instance = adopted.get(d.id());
      if (instance != null) {
        pool.adopt(workload, instance);
        deployments.setState(d.id(), InstanceState.HOT);
        LOG.info("Adopted instance {} of deployment {}", instance.id(), d.id());
      } else {
        pool.register(workload);
        deployments.setState(d.id(), InstanceState.COLD);
      }
    }
  }

  private void remove(Instance instance) {
    try {
      runner.remove(instance.id(), Duration.ofSeconds(2));
    } catch (RunnerException e) {
      LOG.warn("Cannot remove instance {}: {}", instance.id(), e.getMessage());
    }
  }

  private static UUID deploymentOf(Instance instance) {
    String label = instance.labels().get(Workload.LABEL_DEPLOYMENT);
    try {
      return label == null ? null : UUID.fromString(label);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
