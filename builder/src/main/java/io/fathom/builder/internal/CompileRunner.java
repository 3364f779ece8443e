package io.fathom.builder.internal;

import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.CompileLimits;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** Runs a compile step in a builder container: the only place a build env is used. */
public interface CompileRunner {

  /**
   * One compile step.
   *
   * @param image the builder image
   * @param command what runs in it
   * @param env the container's environment (the build env among it); never logged
   * @param mounts the only host paths and volumes the container sees
   * @param network {@code false}: no network at all ({@code --network=none})
   * @param limits CPU, memory and time limits
   * @param labels labels on the container (to find leftovers)
   */
  record Spec(
      String image,
      List<String> command,
      Map<String, String> env,
      List<Mount> mounts,
      boolean network,
      CompileLimits limits,
      Map<String, String> labels) {
    public Spec {
      Objects.requireNonNull(image, "image");
      command = List.copyOf(command);
      env = Map.copyOf(env);
      mounts = List.copyOf(mounts);
      Objects.requireNonNull(limits, "limits");
      labels = Map.copyOf(labels);
    }

    @Override
    public String toString() {
      return "Spec[image=" + image + ", command=" + command + ", env=" + env.keySet() + "]";
    }
  }

  /**
   * A bind mount of a host path, or a named volume when {@code source} does not start with {@code
   * /}.
   */
  record Mount(String source, String target, boolean readOnly) {}

  /** Receives the container's output, one line at a time. */
  interface Output {
    /**
     * @param stream {@code stdout} or {@code stderr}
     * @param line the line without its line break
     */
    void line(String stream, String line);
  }

  /**
   * Runs the step, streaming its output line by line to {@code output}; the container is removed
   * afterwards whatever happens ({@code events} hears about it if it cannot be).
   *
   * @return the container's exit code
   * @throws BuildException {@code build-timeout} when it ran past the limit (it was killed), {@code
   *     builder-unavailable} when the Docker engine cannot run it
   */
  int run(Spec spec, Output output, Consumer<BuildEvent> events)
      throws BuildException, InterruptedException;

  /**
   * Starts a long-lived builder container (the warm Maven's) and returns its id; it runs until
   * {@link #remove} and is not followed. The same isolation as {@link #run}: only the spec's
   * mounts, network and environment, its limits (the time limit is the caller's, per request).
   *
   * @throws BuildException {@code builder-image-missing}, {@code builder-unavailable}
   */
  default String start(Spec spec) throws BuildException {
    throw new UnsupportedOperationException("this runner cannot keep builder containers");
  }

  /** Whether a container {@link #start} made is still running. */
  default boolean running(String containerId) {
    return false;
  }

  /** The last lines a container {@link #start} made wrote (both streams), for a diagnosis. */
  default String logTail(String containerId, int lines) {
    return "";
  }

  /** Kills and removes a container {@link #start} made; a container already gone is fine. */
  default void remove(String containerId) {}

  /**
   * The id of a builder image in the engine.
   *
   * @throws BuildException {@code builder-image-missing} when the engine does not have it
   */
  String imageId(String image) throws BuildException;

  /**
   * The id of an image in the engine, or empty when the engine does not have it.
   *
   * @throws BuildException {@code builder-unavailable} when the engine cannot be asked
   */
  default Optional<String> findImageId(String image) throws BuildException {
    try {
      return Optional.of(imageId(image));
    } catch (BuildException e) {
      if (e.code().equals("builder-image-missing")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Removes compile-step containers a dead process left behind (those labelled {@value
   * #CONTAINER_LABEL}, and, when the runner has an owner, {@value #OWNER_LABEL} with its value:
   * another owner's containers on the same engine are left alone), and returns how many there were.
   */
  default int removeLeftovers() throws BuildException {
    return 0;
  }

  /** The label every compile-step container carries (its value is the kind). */
  String CONTAINER_LABEL = "io.fathom.builder";

  /** The label naming the runner's owner (a control plane's id) on every container it makes. */
  String OWNER_LABEL = "io.fathom.builder.owner";
}
