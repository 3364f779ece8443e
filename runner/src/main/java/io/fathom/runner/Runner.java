package io.fathom.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs instances (one container each) of built images on an engine. The single-host implementation
 * is {@code DockerRunner} (docker-java, host networking: every instance gets its own {@code PORT});
 * a Kubernetes one can implement the same interface later.
 *
 * <p>Instances are found again by their labels, so a restarted control plane can reconcile: {@link
 * #list} everything with a label, adopt what is still wanted, {@link #remove} the rest. No method
 * logs environment values: they may hold secrets.
 */
public interface Runner {

  /**
   * Starts an instance and returns at once (it is not ready yet: poll its {@code /_/ready}).
   *
   * @throws RunnerException {@code size-unavailable} when the host cannot give the resources (the
   *     message names what was asked and what the host has), {@code gpu-unavailable} when GPUs are
   *     asked for and the engine has no GPU runtime, {@code image-missing} when the image is not
   *     there, {@code engine-unavailable}, {@code start-failed}
   */
  Instance start(InstanceSpec spec) throws RunnerException;

  /** The instance as the engine sees it now, or empty when it no longer exists. */
  Optional<Instance> inspect(String instanceId) throws RunnerException;

  /**
   * Every instance (running or exited) this runner started that carries all of these labels (none:
   * all of them).
   */
  List<Instance> list(Map<String, String> labels) throws RunnerException;

  /**
   * Stops an instance: SIGTERM, then SIGKILL after {@code grace}; the container is then removed.
   * Stopping an instance that is already gone is not an error.
   */
  void remove(String instanceId, Duration grace) throws RunnerException;

  /**
   * Follows an instance's stdout and stderr from {@code since} (null: from its start) until it
   * exits or the subscription is closed. Lines reach {@code sink} in order, one call per line.
   *
   * @throws RunnerException {@code instance-missing} when there is no such instance
   */
  LogSubscription followLogs(String instanceId, Instant since, Consumer<LogLine> sink)
      throws RunnerException;

  /**
   * The last {@code lines} lines of an instance's output (both streams), oldest first.
   *
   * @throws RunnerException {@code instance-missing} when there is no such instance
   */
  List<LogLine> tail(String instanceId, int lines) throws RunnerException;

  /** What the host can give one instance: CPUs, memory, GPUs (0 when no GPU runtime). */
  HostCapacity capacity() throws RunnerException;
}
