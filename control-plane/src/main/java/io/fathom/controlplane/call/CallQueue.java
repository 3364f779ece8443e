package io.fathom.controlplane.call;

import io.fathom.controlplane.deploy.Deployment;
import io.fathom.controlplane.deploy.DeploymentService;
import io.fathom.controlplane.function.FunctionEntity;
import io.fathom.controlplane.function.FunctionService;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs async calls. They wait in the {@code calls} table (status {@code queued}), so they survive a
 * restart; a poller hands them to virtual threads, at most {@code fathom.calls.async-concurrency}
 * at once per deployment, oldest first. A call whose function has no running deployment when its
 * turn comes ends {@code failed} with {@code not-deployed}.
 */
@Singleton
public class CallQueue {
  private static final Logger LOG = LoggerFactory.getLogger(CallQueue.class);
  private static final int BATCH = 100;

  private final CallStore store;
  private final Provider<DeploymentService> deployments;
  private final Provider<FunctionService> functions;
  private final Provider<CallService> calls;
  private final CallExecutor executor;
  private final CallSettings settings;
  private final ConcurrentMap<UUID, Semaphore> perDeployment = new ConcurrentHashMap<>();
  private final Set<UUID> taken = ConcurrentHashMap.newKeySet();

  public CallQueue(
      CallStore store,
      Provider<DeploymentService> deployments,
      Provider<FunctionService> functions,
      Provider<CallService> calls,
      CallExecutor executor,
      CallSettings settings) {
    this.store = store;
    this.deployments = deployments;
    this.functions = functions;
    this.calls = calls;
    this.executor = executor;
    this.settings = settings;
  }

  /** A call was queued: look now rather than at the next tick. */
  public void poke() {
    Thread.ofVirtual().start(this::dispatch);
  }

  @Scheduled(fixedDelay = "500ms", initialDelay = "2s")
  void tick() {
    dispatch();
  }

  private synchronized void dispatch() {
    for (Call call : store.queued(BATCH)) {
      if (taken.contains(call.id())) {
        continue;
      }
      Optional<Deployment> deployment = deployments.get().running(call.functionId());
      if (deployment.isEmpty()) {
        if (deployments.get().hasPending(call.functionId())) {
          continue;
        }
        CallOutcome outcome =
            CallOutcome.failed(
                "not-deployed",
                "The function had no running deployment when the queued call's turn came");
        store.finish(
            call.id(),
            CallStatus.QUEUED,
            outcome,
            Duration.between(call.createdAt(), Instant.now()).toMillis(),
            CallService.now());
        continue;
      }
      UUID deploymentId = deployment.get().id();
      Semaphore slots =
          perDeployment.computeIfAbsent(
              deploymentId, id -> new Semaphore(settings.asyncConcurrency()));
      if (!slots.tryAcquire()) {
        continue;
      }
      Instant start = CallService.now();
      long queuedMs = Duration.between(call.createdAt(), start).toMillis();
      if (!store.claim(call.id(), deploymentId, start, queuedMs)) {
        slots.release();
        continue;
      }
      taken.add(call.id());
      Thread.ofVirtual()
          .name("async-call-" + call.id())
          .start(() -> run(call, deploymentId, start, slots));
    }
  }

  private void run(Call call, UUID deploymentId, Instant start, Semaphore slots) {
    try {
      FunctionEntity function = functions.get().byId(call.functionId());
      long deadline = start.toEpochMilli() + call.timeoutSeconds() * 1000L;
      CallOutcome outcome =
          executor.execute(
              new CallExecutor.Request(
                  call.id(), deploymentId, call.input(), deadline, function.schemaOutput()));
      calls.get().finish(call, outcome);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("Async call {} failed in the platform: {}", call.id(), e.getMessage());
      calls.get().finish(call, CallOutcome.failed("platform-error", "The call could not be run"));
    } finally {
      taken.remove(call.id());
      slots.release();
      poke();
    }
  }
}
