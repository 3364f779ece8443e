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
 * size-unavailable} naming the size and the host's capacity). GPUs are not checked here: a
 * deployment asking for one fails with {@code gpu-unavailable} on its own, visibly in its status.
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
}
