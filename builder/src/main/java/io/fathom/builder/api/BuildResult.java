package io.fathom.builder.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A built image.
 *
 * @param imageReference the image's name at the target, as given
 * @param digest the manifest digest ({@code sha256:…}): what runners start and records keep; the
 *     same for every target
 * @param imageId the config digest (the Docker image id)
 * @param layers the layers this build added on top of the base image, bottom first
 * @param steps how long each step took, in order
 */
public record BuildResult(
    String imageReference, String digest, String imageId, List<Layer> layers, List<Step> steps) {

  public BuildResult {
    Objects.requireNonNull(imageReference, "imageReference");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(imageId, "imageId");
    layers = List.copyOf(layers);
    steps = List.copyOf(steps);
  }

  /** The sum of the steps' durations. */
  public Duration total() {
    return steps.stream().map(Step::duration).reduce(Duration.ZERO, Duration::plus);
  }

  /** {@code imageReference@digest}, a reference that pins this exact image. */
  public String pinnedReference() {
    String name = imageReference;
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    if (colon > slash) {
      name = name.substring(0, colon);
    }
    return name + "@" + digest;
  }

  /**
   * One layer the build added.
   *
   * @param name what it holds ({@code runtime-shim}, {@code source}, …)
   * @param digest the compressed layer's digest
   * @param sizeBytes the compressed size
   * @param reused whether the layer came from the cache unchanged rather than being built
   */
  public record Layer(String name, String digest, long sizeBytes, boolean reused) {}

  /** One step of the build and its duration. */
  public record Step(String name, Duration duration) {}
}
