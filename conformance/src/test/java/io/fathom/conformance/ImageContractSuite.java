package io.fathom.conformance;

import io.fathom.builder.api.Builder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The whole {@link ContractSuite}, against a container of the kind's fixture built into an image by
 * the builder library. One subclass per kind the builder implements: {@link #kind()}, the base
 * image, and what {@code scripts/images.sh} must make first.
 */
abstract class ImageContractSuite extends ContractSuite {
  /** The build's base image: a {@code docker://} offline base, or {@code scratch}. */
  abstract String baseImage();

  /** The arguments to {@code scripts/images.sh}: the base and builder images this kind needs. */
  abstract List<String> offlineImages();

  /**
   * The builder that builds the fixture, after {@code scripts/images.sh} made the offline images: a
   * kind that needs more configuration (jvm21's Maven mirror) prepares it here.
   */
  Builder builder() throws Exception {
    return Builder.create();
  }

  @Override
  FunctionUnderTest startFunction(Path source, Map<String, String> env) throws Exception {
    return ImageFunction.start(kind(), baseImage(), offlineImages(), this::builder, source, env);
  }
}
