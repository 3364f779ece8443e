package io.fathom.controlplane.ml.deployments;

import io.fathom.controlplane.instance.InstanceException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * Model server images named in configuration ({@code fathom.ml.model-server.cpu-image} and {@code
 * gpu-image}: a reference in the engine or a registry, e.g. images built once and pushed), used
 * when set instead of building them here.
 */
@Singleton
@Requires(property = "fathom.ml.model-server.cpu-image")
public class ConfiguredModelServerImage implements ModelServerImageSource {
  private final String cpu;
  private final String gpu;

  public ConfiguredModelServerImage(
      @Value("${fathom.ml.model-server.cpu-image}") String cpu,
      @Value("${fathom.ml.model-server.gpu-image:}") String gpu) {
    this.cpu = cpu;
    this.gpu = gpu;
  }

  @Override
  public String image(boolean wantGpu) throws InstanceException {
    if (!wantGpu) {
      return cpu;
    }
    if (gpu.isBlank()) {
      throw new InstanceException(
          "model-server-image-unavailable",
          "No GPU model server image is configured (fathom.ml.model-server.gpu-image)");
    }
    return gpu;
  }
}
