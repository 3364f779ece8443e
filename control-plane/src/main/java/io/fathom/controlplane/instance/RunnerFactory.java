package io.fathom.controlplane.instance;

import io.fathom.runner.Runner;
import io.fathom.runner.docker.DockerRunner;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The runner deployments use: the local Docker engine ({@code DOCKER_HOST} or its socket). */
@Factory
class RunnerFactory {
  @Singleton
  Runner runner() {
    return new DockerRunner();
  }
}
