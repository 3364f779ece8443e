package io.fathom.builder.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@link CompileRunner} on the Docker engine through docker-java (API version left unset: the
 * engine negotiates). The client is made on first use from {@code DOCKER_HOST} (default the local
 * socket).
 */
public final class DockerCompileRunner implements CompileRunner {
  private volatile DockerClient client;
  private final Optional<String> owner;

  /** A runner whose leftover removal takes every builder container on the engine. */
  public DockerCompileRunner() {
    this.owner = Optional.empty();
  }

  /**
   * A runner that labels its containers with {@code owner} ({@value #OWNER_LABEL}) and removes only
   * those as leftovers, so that processes sharing an engine never remove each other's.
   */
  public DockerCompileRunner(String owner) {
    if (owner == null || owner.isBlank()) {
      throw new IllegalArgumentException("owner must not be blank");
    }
    this.owner = Optional.of(owner);
  }

  private DockerClient client() {
    DockerClient c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          DockerClientConfig config =
              DefaultDockerClientConfig.createDefaultConfigBuilder().build();
          ApacheDockerHttpClient http =
              new ApacheDockerHttpClient.Builder()
                  .dockerHost(config.getDockerHost())
                  .sslConfig(config.getSSLConfig())
                  .maxConnections(32)
                  .connectionTimeout(Duration.ofSeconds(10))
                  .build();
          c = DockerClientImpl.getInstance(config, http);
          client = c;
        }
      }
    }
    return c;
  }

  @Override
  public int removeLeftovers() throws BuildException {
    try {
      var leftovers =
          client()
              .listContainersCmd()
              .withShowAll(true)
              .withLabelFilter(
                  owner
                      .map(o -> List.of(CONTAINER_LABEL, OWNER_LABEL + "=" + o))
                      .orElse(List.of(CONTAINER_LABEL)))
              .exec();
      for (var container : leftovers) {
        client().removeContainerCmd(container.getId()).withForce(true).exec();
      }
      return leftovers.size();
    } catch (RuntimeException e) {
      throw new BuildException(
          "builder-unavailable", "Cannot list or remove builder containers: " + e.getMessage(), e);
    }
  }

  @Override
  public String imageId(String image) throws BuildException {
    try {
      return client().inspectImageCmd(image).exec().getId();
    } catch (NotFoundException e) {
      throw new BuildException(
          "builder-image-missing",
          "The builder image "
              + image
              + " is not in the Docker engine; scripts/images.sh makes the offline ones"
              + " (e.g. scripts/images.sh go124-builder).",
          e);
    } catch (RuntimeException e) {
      throw unavailable(e);
    }
  }

  private Map<String, String> labels(Spec spec) {
    if (owner.isEmpty()) {
      return spec.labels();
    }
    Map<String, String> labels = new HashMap<>(spec.labels());
    labels.put(OWNER_LABEL, owner.get());
    return labels;
  }

  /** Creates (not starts) a container for the spec: its mounts, network, limits, env, labels. */
  private String create(Spec spec, String name) throws BuildException {
    DockerClient docker = client();
    double cpus = Math.min(spec.limits().cpus(), Runtime.getRuntime().availableProcessors());
    List<Bind> binds = new ArrayList<>();
    for (Mount mount : spec.mounts()) {
      binds.add(
          new Bind(
              mount.source(),
              new Volume(mount.target()),
              mount.readOnly() ? AccessMode.ro : AccessMode.rw));
    }
    HostConfig host =
        HostConfig.newHostConfig()
            .withNetworkMode(spec.network() ? "host" : "none")
            .withNanoCPUs((long) (cpus * 1e9))
            .withMemory(spec.limits().memoryBytes())
            .withMemorySwap(spec.limits().memoryBytes())
            .withBinds(binds)
            .withAutoRemove(false);
    List<String> env =
        spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
    try {
      CreateContainerResponse created =
          docker
              .createContainerCmd(spec.image())
              .withName(name)
              .withCmd(spec.command())
              .withEnv(env)
              .withLabels(labels(spec))
              .withHostConfig(host)
              .exec();
      return created.getId();
    } catch (NotFoundException e) {
      throw new BuildException(
          "builder-image-missing",
          "The builder image " + spec.image() + " is not in the Docker engine: " + e.getMessage(),
          e);
    } catch (RuntimeException e) {
      throw unavailable(e);
    }
  }

  @Override
  public String start(Spec spec) throws BuildException {
    String id = create(spec, "fathom-build-warm-" + UUID.randomUUID());
    try {
      client().startContainerCmd(id).exec();
      return id;
    } catch (RuntimeException e) {
      remove(id);
      throw unavailable(e);
    }
  }

  @Override
  public boolean running(String containerId) {
    try {
      Boolean running = client().inspectContainerCmd(containerId).exec().getState().getRunning();
      return Boolean.TRUE.equals(running);
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public String logTail(String containerId, int lines) {
    List<String> out = java.util.Collections.synchronizedList(new ArrayList<>());
    LineSplitter splitter = new LineSplitter((stream, line) -> out.add(line));
    try {
      client()
          .logContainerCmd(containerId)
          .withStdOut(true)
          .withStdErr(true)
          .withTail(lines)
          .exec(
              new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                  splitter.accept(frame);
                }
              })
          .awaitCompletion(5, TimeUnit.SECONDS);
      splitter.flush();
    } catch (RuntimeException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (out) {
      return String.join("\n", out);
    }
  }

  @Override
  public void remove(String containerId) {
    try {
      client().removeContainerCmd(containerId).withForce(true).withRemoveVolumes(false).exec();
    } catch (RuntimeException gone) {
      // already removed, or the engine is gone: removeLeftovers() catches it at the next start
    }
  }

  @Override
  public int run(Spec spec, Output out, Consumer<BuildEvent> events)
      throws BuildException, InterruptedException {
    DockerClient docker = client();
    String name = "fathom-build-" + UUID.randomUUID();
    String id = create(spec, name);
    LineSplitter output = new LineSplitter(out);
    try {
      docker.startContainerCmd(id).exec();
      ResultCallback.Adapter<Frame> logs =
          docker
              .logContainerCmd(id)
              .withStdOut(true)
              .withStdErr(true)
              .withFollowStream(true)
              .exec(
                  new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame frame) {
                      output.accept(frame);
                    }
                  });
      WaitContainerResultCallback wait =
          docker.waitContainerCmd(id).exec(new WaitContainerResultCallback());
      long timeoutMs = spec.limits().timeout().toMillis();
      if (!wait.awaitCompletion(timeoutMs, TimeUnit.MILLISECONDS)) {
        try {
          docker.killContainerCmd(id).exec();
        } catch (RuntimeException alreadyGone) {
          // it ended at the last moment
        }
        logs.awaitCompletion(5, TimeUnit.SECONDS);
        output.flush();
        throw new BuildException(
            "build-timeout",
            "The compile step ran past its "
                + spec.limits().timeout().toSeconds()
                + " s limit and was stopped.");
      }
      int code = wait.awaitStatusCode();
      logs.awaitCompletion(10, TimeUnit.SECONDS);
      output.flush();
      return code;
    } catch (DockerException | com.github.dockerjava.api.exception.DockerClientException e) {
      throw unavailable(e);
    } finally {
      try {
        docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(false).exec();
      } catch (NotFoundException gone) {
        // already removed
      } catch (RuntimeException e) {
        events.accept(
            new BuildEvent.Message(
                BuildEvent.Level.WARN,
                "could not remove builder container " + name + ": " + e.getMessage()));
      }
    }
  }

  private static BuildException unavailable(RuntimeException e) {
    return new BuildException(
        "builder-unavailable",
        "The Docker engine could not run the compile step (is it running? scripts/docker.sh"
            + " starts it): "
            + e.getMessage(),
        e);
  }

  /** Turns the container's output frames into lines, per stream. */
  static final class LineSplitter {
    private final Output out;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    LineSplitter(Output out) {
      this.out = out;
    }

    synchronized void accept(Frame frame) {
      boolean err = frame.getStreamType() == StreamType.STDERR;
      accept(err ? "stderr" : "stdout", err ? stderr : stdout, frame.getPayload());
    }

    synchronized void accept(String stream, ByteArrayOutputStream buffer, byte[] payload) {
      for (byte b : payload) {
        if (b == '\n') {
          emit(stream, buffer);
        } else {
          buffer.write(b);
        }
      }
    }

    synchronized void flush() {
      if (stdout.size() > 0) {
        emit("stdout", stdout);
      }
      if (stderr.size() > 0) {
        emit("stderr", stderr);
      }
    }

    private void emit(String stream, ByteArrayOutputStream buffer) {
      String line = buffer.toString(StandardCharsets.UTF_8);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      buffer.reset();
      out.line(stream, line);
    }
  }
}
