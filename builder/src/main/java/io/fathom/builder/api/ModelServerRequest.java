package io.fathom.builder.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What to build for the ONNX model server image ({@link Builder#buildModelServer}).
 *
 * @param variant which ONNX Runtime the image carries
 * @param onnxRuntimeJar that runtime's jar ({@code onnxruntime-1.29.0.jar} for {@link
 *     ModelServerVariant#CPU}, {@code onnxruntime_gpu-1.29.0.jar} for {@link
 *     ModelServerVariant#GPU}); its content is checked against the variant when building
 * @param baseImage a Java runtime image with {@code java} on {@code PATH}, with Jib's prefixes
 *     (default {@value #DEFAULT_BASE_IMAGE}, made by {@code scripts/images.sh jvm21})
 * @param cacheDir the builder's cache (Jib's layer caches, staged trees, the runtime's extracted
 *     native libraries, the record of built images)
 * @param target where the image goes; empty: the local Docker daemon as {@code
 *     fathom/model-server:<variant>-<key>} (the key hashes every input) and {@code
 *     fathom/model-server:<variant>}
 */
public record ModelServerRequest(
    ModelServerVariant variant,
    Path onnxRuntimeJar,
    String baseImage,
    Path cacheDir,
    Optional<BuildTarget> target) {

  /** The jlink'd Java runtime base of jvm21 functions ({@code scripts/images.sh jvm21}). */
  public static final String DEFAULT_BASE_IMAGE = "docker://fathom/base-jvm21:latest";

  /** The repository of the image in the daemon when no target is given. */
  public static final String DEFAULT_REPOSITORY = "fathom/model-server";

  public ModelServerRequest {
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(onnxRuntimeJar, "onnxRuntimeJar");
    Objects.requireNonNull(cacheDir, "cacheDir");
    Objects.requireNonNull(target, "target");
    onnxRuntimeJar = onnxRuntimeJar.toAbsolutePath().normalize();
    cacheDir = cacheDir.toAbsolutePath().normalize();
    if (!Files.isRegularFile(onnxRuntimeJar)) {
      throw new IllegalArgumentException(
          "onnxRuntimeJar is not a file: "
              + onnxRuntimeJar
              + " (the "
              + variant.tag()
              + " image needs com.microsoft.onnxruntime:"
              + variant.artifactId()
              + ")");
    }
    if (baseImage == null || baseImage.isBlank()) {
      baseImage = DEFAULT_BASE_IMAGE;
    }
  }

  /** A request for the daemon target and the default base image. */
  public static ModelServerRequest of(
      ModelServerVariant variant, Path onnxRuntimeJar, Path cacheDir) {
    return new ModelServerRequest(
        variant, onnxRuntimeJar, DEFAULT_BASE_IMAGE, cacheDir, Optional.empty());
  }

  /** This request with another base image. */
  public ModelServerRequest withBaseImage(String image) {
    return new ModelServerRequest(variant, onnxRuntimeJar, image, cacheDir, target);
  }

  /** This request delivering to {@code to} instead of the daemon's keyed tag. */
  public ModelServerRequest withTarget(BuildTarget to) {
    return new ModelServerRequest(
        variant, onnxRuntimeJar, baseImage, cacheDir, Optional.of(Objects.requireNonNull(to)));
  }
}
