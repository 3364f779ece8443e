package io.fathom.controlplane.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fathom.controlplane.deploy.WorkloadFactory;
import io.fathom.controlplane.instance.InstanceLogs;
import io.fathom.controlplane.instance.LiveInstance;
import io.fathom.controlplane.instance.SecretMask;
import io.fathom.controlplane.instance.Workload;
import io.fathom.controlplane.ml.deployments.ModelWorkloads;
import io.fathom.runner.LogLine;
import io.fathom.runner.LogSubscription;
import io.fathom.runner.Runner;
import io.fathom.runner.RunnerException;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects what function and model server instances print (the runner follows their stdout and
 * stderr) into {@code function_logs} and {@code model_logs} ({@link LogStore.Owner}): secret values
 * masked, the call id taken from the runtimes' JSON lines ({@code {"callId": …}}), written in
 * batches by one thread. Keeps the newest {@code fathom.logs.retention-lines} lines per function
 * and per model deployment (default 10000).
 */
@Singleton
public class LogCollector implements InstanceLogs {
  private static final Logger LOG = LoggerFactory.getLogger(LogCollector.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 200;

  private record Pending(LogStore.Owner owner, UUID projectId, LogEntry entry) {}

  /** Whose lines go where, by the workload's type ({@code function} or {@code model}). */
  private record Destination(LogStore.Owner owner, UUID projectId) {}

  private final Runner runner;
  private final LogStore store;
  private final int retention;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>(100_000);
  private final Thread writer;
  private volatile boolean closed;

  public LogCollector(
      Runner runner, LogStore store, @Value("${fathom.logs.retention-lines:10000}") int retention) {
    this.runner = runner;
    this.store = store;
    this.retention = retention;
    this.writer = Thread.ofVirtual().name("instance-log-writer").start(this::write);
  }

  @Override
  public LogSubscription attach(Workload workload, LiveInstance instance, Instant since) {
    LogStore.Owner owner = owner(workload.type());
    if (owner == null) {
      return () -> {};
    }
    try {
      return runner.followLogs(instance.instanceId(), since, line -> accept(owner, workload, line));
    } catch (RunnerException e) {
      LOG.warn("Cannot follow the output of {}: {}", workload, e.getMessage());
      return () -> {};
    }
  }

  private static LogStore.Owner owner(String workloadType) {
    return switch (workloadType) {
      case WorkloadFactory.TYPE -> LogStore.Owner.FUNCTION;
      case ModelWorkloads.TYPE -> LogStore.Owner.MODEL_DEPLOYMENT;
      default -> null;
    };
  }

  private void accept(LogStore.Owner owner, Workload workload, LogLine line) {
    String text = SecretMask.apply(line.line(), workload.secretValues());
    LogEntry entry =
        new LogEntry(
            0,
            workload.ownerId(),
            workload.deploymentId(),
            callId(text),
            line.ts() == null ? Instant.now() : line.ts(),
            line.stream().wireName(),
            text);
    if (!queue.offer(new Pending(owner, workload.projectId(), entry))) {
      LOG.warn("Instance log buffer full; a line of {} was dropped", workload);
    }
  }

  /** Waits until every line accepted so far is stored (tests and follow readers use it). */
  public void flush() throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!queue.isEmpty() && System.nanoTime() < until) {
      Thread.sleep(10);
    }
  }

  private void write() {
    List<Pending> batch = new ArrayList<>();
    while (!closed) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        batch.stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    p -> new Destination(p.owner(), p.projectId()),
                    java.util.stream.Collectors.mapping(
                        Pending::entry, java.util.stream.Collectors.toList())))
            .forEach((to, entries) -> store.append(to.owner(), to.projectId(), entries));
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("Cannot store instance log lines: {}", e.getMessage());
      } finally {
        batch.clear();
      }
    }
  }

  @Scheduled(fixedDelay = "60s", initialDelay = "30s")
  void trim() {
    for (LogStore.Owner owner : LogStore.Owner.values()) {
      int removed = store.trim(owner, retention);
      if (removed > 0) {
        LOG.info("Trimmed {} {} log lines beyond the retention of {}", removed, owner, retention);
      }
    }
  }

  @PreDestroy
  void close() {
    closed = true;
    writer.interrupt();
  }

  static UUID callId(String line) {
    if (line.isEmpty() || line.charAt(0) != '{' || !line.contains("\"callId\"")) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(line);
      String id = node.path("callId").asText(null);
      return id == null ? null : UUID.fromString(id);
    } catch (Exception notOurs) {
      return null;
    }
  }
}
