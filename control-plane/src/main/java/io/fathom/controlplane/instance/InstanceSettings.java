package io.fathom.controlplane.instance;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Instance settings ({@code fathom.instances.*}): {@code idle-timeout} (an instance of a deployment
 * with no minimum is stopped after this long without a call; default 5 minutes), {@code
 * ready-timeout} (how long a new instance may take to answer its ready path; default 120 s) and
 * {@code stop-grace} (SIGTERM to SIGKILL; default 10 s), and {@code max-cpus} / {@code
 * max-memory-bytes}: the share of the host instances may use (default 0: the whole host, as the
 * engine reports it).
 */
@Singleton
public class InstanceSettings {
  private final Duration idleTimeout;
  private final Duration readyTimeout;
  private final Duration stopGrace;
  private final int maxCpus;
  private final long maxMemoryBytes;

  public InstanceSettings(
      @Value("${fathom.instances.idle-timeout:5m}") Duration idleTimeout,
      @Value("${fathom.instances.ready-timeout:120s}") Duration readyTimeout,
      @Value("${fathom.instances.stop-grace:10s}") Duration stopGrace,
      @Value("${fathom.instances.max-cpus:0}") int maxCpus,
      @Value("${fathom.instances.max-memory-bytes:0}") long maxMemoryBytes) {
    this.maxCpus = maxCpus;
    this.maxMemoryBytes = maxMemoryBytes;
    this.idleTimeout = idleTimeout;
    this.readyTimeout = readyTimeout;
    this.stopGrace = stopGrace;
  }

  public Duration idleTimeout() {
    return idleTimeout;
  }

  public Duration readyTimeout() {
    return readyTimeout;
  }

  public Duration stopGrace() {
    return stopGrace;
  }

  /** The host's capacity, capped by {@code max-cpus} and {@code max-memory-bytes} when set. */
  public io.fathom.runner.HostCapacity cap(io.fathom.runner.HostCapacity host) {
    return new io.fathom.runner.HostCapacity(
        maxCpus > 0 ? Math.min(maxCpus, host.cpus()) : host.cpus(),
        maxMemoryBytes > 0 ? Math.min(maxMemoryBytes, host.memoryBytes()) : host.memoryBytes(),
        host.gpus());
  }
}
