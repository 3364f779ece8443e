package io.fathom.controlplane.ml.serving;

import io.fathom.builder.api.ModelServerVariant;
import java.util.Objects;

/**
 * A model server image in the local Docker daemon.
 *
 * @param variant which ONNX Runtime it carries
 * @param reference the content-keyed tag to start ({@code fathom/model-server:cpu-<key>})
 * @param digest the manifest digest
 * @param imageId the Docker image id
 */
public record ModelServerImage(
    ModelServerVariant variant, String reference, String digest, String imageId) {
  public ModelServerImage {
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(imageId, "imageId");
  }
}
