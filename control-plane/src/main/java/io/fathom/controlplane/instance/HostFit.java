package io.fathom.controlplane.instance;

import io.fathom.controlplane.common.ApiException;
import io.fathom.runner.CapacityCheck;
import io.fathom.runner.InstanceSpec;
import io.fathom.runner.Runner;
import io.fathom.runner.RunnerException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/**
 * Refuses, when a deployment is asked for, a serving size the host cannot give (400 {@code
 * size-unavailable} naming the size and the host's capacity). GPUs are not refused when asked for:
 * a deployment asking for one fails with {@code gpu-unavailable} on its own, visibly in its status
 * ({@link #checkGpus}, before anything is built for it, or the runner at start).
 */
@Singleton
public class HostFit {
  private final Runner runner;
  private final InstanceSettings settings;

  public HostFit(Runner runner, InstanceSettings settings) {
    this.runner = runner;
    this.settings = settings;
  }

  public void check(InstanceSpec.Resources asked) {
    try {
      CapacityCheck.check(
          new InstanceSpec.Resources(asked.cpus(), asked.memoryBytes(), 0, asked.label()),
          settings.cap(runner.capacity()));
    } catch (RunnerException e) {
      HttpStatus status =
          e.code().equals("size-unavailable")
              ? HttpStatus.BAD_REQUEST
              : HttpStatus.SERVICE_UNAVAILABLE;
      throw new ApiException(status, e.code(), e.getMessage());
    }
  }

  /**
   * Fails with {@code gpu-unavailable} (the runner's message: how many GPUs were asked, how many
   * the host has) when the host has fewer GPUs than {@code asked}; a rollout calls it before it
   * builds a GPU image, which the host could not run anyway.
   */
  public void checkGpus(InstanceSpec.Resources asked) throws InstanceException {
    if (asked.gpus() == 0) {
      return;
    }
    try {
      CapacityCheck.check(asked, settings.cap(runner.capacity()));
    } catch (RunnerException e) {
      if (e.code().equals("gpu-unavailable")) {
        throw new InstanceException(e.code(), e.getMessage());
      }
      // Other shortfalls are the runner's to report when the instance starts.
    }
  }
}
