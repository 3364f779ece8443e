package io.fathom.controlplane.deploy;

import io.fathom.controlplane.build.Build;
import io.fathom.controlplane.build.BuildStatus;
import io.fathom.controlplane.build.BuildStore;
import io.fathom.controlplane.build.BuildSucceeded;
import io.fathom.controlplane.common.ApiException;
import io.fathom.controlplane.common.PageRequest;
import io.fathom.controlplane.function.FunctionDeleted;
import io.fathom.controlplane.function.FunctionEntity;
import io.fathom.controlplane.function.FunctionService;
import io.fathom.controlplane.instance.HostFit;
import io.fathom.controlplane.instance.InstanceException;
import io.fathom.controlplane.instance.InstanceListener;
import io.fathom.controlplane.instance.InstancePool;
import io.fathom.controlplane.instance.Workload;
import io.fathom.controlplane.secret.SecretBox;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.fathom.controlplane.tenancy.TenantAdmin;
import io.fathom.runner.InstanceSpec;
import io.micronaut.http.HttpStatus;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deployments of function builds: create (a rolling replace: the new instance must be ready before
 * it takes the traffic and the old deployment stops), auto-deploy of succeeded builds, history,
 * undeploy, and the hot/cold state the instance pool reports. Rollback is deploying an older build:
 * nothing is rebuilt.
 */
@Singleton
public class DeploymentService implements InstanceListener {
  private static final Logger LOG = LoggerFactory.getLogger(DeploymentService.class);

  private final DeploymentStore store;
  private final FunctionService functions;
  private final BuildStore builds;
  private final InstancePool pool;
  private final WorkloadFactory workloads;
  private final TenantAdmin tenants;
  private final SecretBox box;
  private final HostFit hostFit;
  private final ConcurrentMap<UUID, Object> switchLocks = new ConcurrentHashMap<>();
  private final RunningCache running = new RunningCache();

  public DeploymentService(
      DeploymentStore store,
      FunctionService functions,
      BuildStore builds,
      InstancePool pool,
      WorkloadFactory workloads,
      TenantAdmin tenants,
      SecretBox box,
      HostFit hostFit) {
    this.hostFit = hostFit;
    this.store = store;
    this.functions = functions;
    this.builds = builds;
    this.pool = pool;
    this.workloads = workloads;
    this.tenants = tenants;
    this.box = box;
  }

  /** A page of deployments and the total count. */
  public record Page(List<Deployment> deployments, long total) {}

  /** Deploys a succeeded build of the function; 202 with the pending deployment. */
  public Deployment deploy(ProjectScope scope, UUID functionId, UUID buildId) {
    FunctionEntity function = functions.get(scope, functionId);
    Build build =
        builds
            .find(scope.projectId(), functionId, buildId)
            .orElseThrow(() -> ApiException.notFound("build", buildId));
    return deploy(function, build);
  }

  public Page list(ProjectScope scope, UUID functionId, PageRequest page) {
    functions.get(scope, functionId);
    return new Page(
        store.page(scope.projectId(), functionId, page),
        store.count(scope.projectId(), functionId));
  }

  /** Stops the function's live deployment (running or still pending). */
  public Deployment undeploy(ProjectScope scope, UUID functionId) {
    FunctionEntity function = functions.get(scope, functionId);
    List<Deployment> live = store.live(function.id());
    if (live.isEmpty()) {
      throw new ApiException(
          HttpStatus.NOT_FOUND,
          "not-deployed",
          "Function '" + function.name() + "' has no running deployment");
    }
    for (Deployment d : live) {
      end(d, DeploymentStatus.STOPPED, null, null);
    }
    return store.find(live.getFirst().id()).orElseThrow();
  }

  /**
   * The deployment that takes the function's calls now. Every call asks, so the answer is kept in
   * memory until this service changes a deployment's status or state (see {@link RunningCache}).
   */
  public Optional<Deployment> running(UUID functionId) {
    return running.get(functionId, store::running);
  }

  /** Whether a deployment of the function is still starting (queued async calls wait for it). */
  public boolean hasPending(UUID functionId) {
    return store.live(functionId).stream().anyMatch(d -> d.status() == DeploymentStatus.PENDING);
  }

  /** Auto-deploy: a build created with {@code autoDeploy} deploys itself once it succeeded. */
  @EventListener
  void onBuildSucceeded(BuildSucceeded event) {
    builds
        .find(event.buildId())
        .filter(Build::autoDeploy)
        .ifPresent(
            build -> {
              try {
                FunctionEntity function = functions.byId(build.functionId());
                Deployment d = deploy(function, build);
                builds.setDeployment(build.id(), d.id());
              } catch (RuntimeException e) {
                LOG.warn("Auto-deploy of build {} failed: {}", build.id(), e.getMessage());
              }
            });
  }

  @EventListener
  void onFunctionDeleted(FunctionDeleted event) {
    for (Deployment d : store.live(event.functionId())) {
      end(d, DeploymentStatus.STOPPED, null, null);
    }
  }

  @Override
  public void stateChanged(UUID deploymentId, InstanceState state) {
    store.setState(deploymentId, state);
    running.clear();
  }

  private Deployment deploy(FunctionEntity function, Build build) {
    if (build.status() != BuildStatus.SUCCEEDED) {
      throw ApiException.conflict(
          "build-not-succeeded",
          "Build "
              + build.id()
              + " is "
              + build.status().wire()
              + "; only a succeeded build can be deployed");
    }
    InstanceSpec.Resources resources =
        WorkloadFactory.resources(function.servingSize(), function.servingGpu());
    hostFit.check(resources);
    String image = build.imageId() != null ? build.imageId() : build.imageReference();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Deployment pending =
        new Deployment(
            UUID.randomUUID(),
            function.projectId(),
            function.id(),
            build.id(),
            build.revisionNumber(),
            image,
            DeploymentStatus.PENDING,
            null,
            function.minInstances(),
            null,
            null,
            null,
            null,
            now,
            null,
            null);
    store.insert(pending);
    LOG.info("Deploying build {} of function {} as {}", build.id(), function.id(), pending.id());
    Thread.ofVirtual().name("rollout-" + pending.id()).start(() -> rollout(function, pending));
    return pending;
  }

  /** Starts the new instance, then moves the traffic to it and stops the old deployment. */
  private void rollout(FunctionEntity function, Deployment pending) {
    String token = issueToken(function, pending);
    Deployment withToken = store.find(pending.id()).orElseThrow();
    Workload workload = workloads.of(function, withToken, token);
    try {
      pool.start(workload);
    } catch (InstanceException e) {
      LOG.warn("Deployment {} failed: {}", pending.id(), e.code());
      finishFailed(withToken, e.code(), e.getMessage());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finishFailed(withToken, "interrupted", "The control plane stopped during the rollout");
      return;
    }
    synchronized (switchLocks.computeIfAbsent(function.id(), id -> new Object())) {
      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
      boolean marked = store.markRunning(pending.id(), now);
      running.forget(function.id());
      if (!marked) {
        // Undeployed or the function deleted while it started.
        pool.stop(pending.id());
        revoke(withToken);
        return;
      }
      for (Deployment old : store.live(function.id())) {
        if (!old.id().equals(pending.id()) && old.status() == DeploymentStatus.RUNNING) {
          end(old, DeploymentStatus.SUPERSEDED, null, null);
        }
      }
    }
    LOG.info("Deployment {} is running", pending.id());
  }

  private void finishFailed(Deployment d, String code, String message) {
    store.end(
        d.id(),
        DeploymentStatus.PENDING,
        DeploymentStatus.FAILED,
        code,
        message,
        Instant.now().truncatedTo(ChronoUnit.MICROS));
    running.forget(d.functionId());
    revoke(d);
  }

  private void end(Deployment d, DeploymentStatus to, String code, String message) {
    boolean ended =
        store.end(
            d.id(), d.status(), to, code, message, Instant.now().truncatedTo(ChronoUnit.MICROS));
    running.forget(d.functionId());
    if (ended) {
      pool.stop(d.id());
      revoke(d);
      LOG.info("Deployment {} {}", d.id(), to.wire());
    }
  }

  private String issueToken(FunctionEntity function, Deployment d) {
    var issued =
        tenants.issue(
            function.organizationId(),
            function.userId(),
            function.projectId(),
            "deployment-" + d.id(),
            null);
    store.setToken(d.id(), issued.token().id(), box.seal(issued.secret()));
    return issued.secret();
  }

  private void revoke(Deployment d) {
    Deployment current = store.find(d.id()).orElse(d);
    if (current.tokenId() != null) {
      tenants.revokeIssued(current.tokenId());
    }
  }

  /** The deployment's token in clear, to start more instances of it. */
  String token(Deployment d) {
    return d.sealedToken() == null ? null : box.open(d.sealedToken());
  }
}
