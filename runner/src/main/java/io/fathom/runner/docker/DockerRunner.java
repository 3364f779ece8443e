package io.fathom.runner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import io.fathom.runner.CapacityCheck;
import io.fathom.runner.HostCapacity;
import io.fathom.runner.Instance;
import io.fathom.runner.InstanceSpec;
import io.fathom.runner.LogLine;
import io.fathom.runner.LogSubscription;
import io.fathom.runner.Runner;
import io.fathom.runner.RunnerException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link Runner} on one Docker engine through docker-java: one container per instance, host
 * networking (each instance listens on its own {@code PORT}), labelled so a restarted control plane
 * finds them again. Images are used as they are in the engine, never pulled. Nothing here logs;
 * errors carry {@link RunnerException} codes and never an environment value.
 */
public final class DockerRunner implements Runner, AutoCloseable {
  private final DockerClient docker;
  private final DockerLogs logs;
  private volatile HostCapacity capacity;

  /** On the engine at {@code DOCKER_HOST} (default the local socket). */
  public DockerRunner() {
    this(DockerClients.fromEnvironment());
  }

  public DockerRunner(DockerClient docker) {
    this(docker, null);
  }

  /**
   * With the host's capacity given instead of read from the engine: lets a test ask the engine for
   * what the capacity check would otherwise refuse (a GPU), to check how its refusal maps.
   */
  DockerRunner(DockerClient docker, HostCapacity capacity) {
    this.docker = docker;
    this.logs = new DockerLogs(docker);
    this.capacity = capacity;
  }

  @Override
  public Instance start(InstanceSpec spec) throws RunnerException {
    CapacityCheck.check(spec.resources(), capacity());
    CreateContainerCmd create =
        docker
            .createContainerCmd(spec.image())
            .withName(spec.name())
            .withEnv(ContainerSettings.env(spec))
            .withLabels(ContainerSettings.labels(spec))
            .withHostConfig(ContainerSettings.hostConfig(spec.resources()));
    if (!spec.command().isEmpty()) {
      create.withCmd(spec.command());
    }
    String id;
    try {
      id = create.exec().getId();
    } catch (NotFoundException e) {
      throw new RunnerException(
          "image-missing",
          "The image "
              + spec.image()
              + " is not in the Docker engine (images are never pulled): build the function again.",
          e);
    } catch (ConflictException e) {
      throw new RunnerException(
          "start-failed",
          "An instance named " + spec.name() + " exists already on the Docker engine.",
          e);
    } catch (RuntimeException e) {
      throw EngineErrors.startFailure(spec.name(), spec.resources(), e);
    }
    try {
      docker.startContainerCmd(id).exec();
    } catch (RuntimeException e) {
      removeQuietly(id);
      throw EngineErrors.startFailure(spec.name(), spec.resources(), e);
    }
    return inspect(id)
        .orElseThrow(
            () ->
                new RunnerException(
                    "start-failed",
                    "Instance " + spec.name() + " was removed as soon as it started."));
  }

  @Override
  public Optional<Instance> inspect(String instanceId) throws RunnerException {
    return inspectContainer(instanceId).map(ContainerMapper::instance);
  }

  @Override
  public List<Instance> list(Map<String, String> labels) throws RunnerException {
    List<Container> containers;
    try {
      // Only this runner's containers: builder containers and others on the engine are not ours.
      Map<String, String> filter = new HashMap<>(labels);
      filter.put(ContainerSettings.MANAGED_LABEL, "true");
      containers = docker.listContainersCmd().withShowAll(true).withLabelFilter(filter).exec();
    } catch (RuntimeException e) {
      throw EngineErrors.unavailable(e);
    }
    List<Instance> instances = new ArrayList<>(containers.size());
    for (Container container : containers) {
      // One removed between the list and here is simply not listed.
      inspect(container.getId()).ifPresent(instances::add);
    }
    instances.sort(Comparator.comparing(Instance::name, Comparator.nullsLast(String::compareTo)));
    return instances;
  }

  @Override
  public void remove(String instanceId, Duration grace) throws RunnerException {
    int seconds = (int) Math.max(0, (grace.toMillis() + 999) / 1000);
    try {
      docker.stopContainerCmd(instanceId).withTimeout(seconds).exec();
    } catch (NotFoundException gone) {
      return;
    } catch (NotModifiedException alreadyStopped) {
      // not running: remove it
    } catch (DockerException e) {
      // the forced removal below kills it
    } catch (RuntimeException e) {
      throw EngineErrors.unavailable(e);
    }
    try {
      docker.removeContainerCmd(instanceId).withForce(true).exec();
    } catch (NotFoundException gone) {
      // removed meanwhile
    } catch (ConflictException e) {
      if (!String.valueOf(e.getMessage()).contains("already in progress")) {
        throw new RunnerException(
            "engine-unavailable",
            "The Docker engine could not remove instance "
                + instanceId
                + ": "
                + EngineErrors.engineMessage(e.getMessage()),
            e);
      }
    } catch (RuntimeException e) {
      throw EngineErrors.unavailable(e);
    }
  }

  @Override
  public LogSubscription followLogs(String instanceId, Instant since, Consumer<LogLine> sink)
      throws RunnerException {
    requireExists(instanceId);
    try {
      return logs.follow(instanceId, since, sink);
    } catch (RuntimeException e) {
      throw EngineErrors.unavailable(e);
    }
  }

  @Override
  public List<LogLine> tail(String instanceId, int lines) throws RunnerException {
    if (lines < 0) {
      throw new IllegalArgumentException("lines must not be negative, got " + lines);
    }
    requireExists(instanceId);
    try {
      return logs.tail(instanceId, lines);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunnerException("engine-unavailable", "Interrupted reading logs of " + instanceId);
    } catch (RuntimeException e) {
      throw EngineErrors.unavailable(e);
    }
  }

  /** Read once from the engine: a host's cores, memory and GPUs do not change while it runs. */
  @Override
  public HostCapacity capacity() throws RunnerException {
    HostCapacity known = capacity;
    if (known == null) {
      try {
        known = EngineCapacity.from(docker.infoCmd().exec());
      } catch (RuntimeException e) {
        throw EngineErrors.unavailable(e);
      }
      capacity = known;
    }
    return known;
  }

  @Override
  public void close() throws IOException {
    docker.close();
  }

  private Optional<InspectContainerResponse> inspectContainer(String id) throws RunnerException {
    try {
      return Optional.of(docker.inspectContainerCmd(id).exec());
    } catch (NotFoundException gone) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw EngineErrors.unavailable(e);
    }
  }

  private void requireExists(String id) throws RunnerException {
    if (inspectContainer(id).isEmpty()) {
      throw new RunnerException("instance-missing", "No instance " + id + " on the Docker engine.");
    }
  }

  private void removeQuietly(String id) {
    try {
      docker.removeContainerCmd(id).withForce(true).exec();
    } catch (RuntimeException ignored) {
      // best effort: the start already failed, and that is the error to report
    }
  }
}
