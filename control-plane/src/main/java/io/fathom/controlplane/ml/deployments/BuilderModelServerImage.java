package io.fathom.controlplane.ml.deployments;

import io.fathom.builder.api.ModelServerVariant;
import io.fathom.controlplane.instance.InstanceException;
import io.fathom.controlplane.ml.serving.ModelServerImageException;
import io.fathom.controlplane.ml.serving.ModelServerImages;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The model server images of {@link ModelServerImages} (built here with the builder on first use),
 * for deployments; a build failure fails the rollout with the builder's code.
 */
@Singleton
@Requires(missingProperty = "fathom.ml.model-server.cpu-image")
public class BuilderModelServerImage implements ModelServerImageSource {
  private final ModelServerImages images;

  public BuilderModelServerImage(ModelServerImages images) {
    this.images = images;
  }

  @Override
  public String image(boolean gpu) throws InstanceException {
    try {
      return images.image(gpu ? ModelServerVariant.GPU : ModelServerVariant.CPU);
    } catch (ModelServerImageException e) {
      throw new InstanceException(e.code(), e.getMessage(), e);
    }
  }
}
