package io.fathom.controlplane.ml.deployments;

import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildResult;
import io.fathom.builder.api.Builder;
import io.fathom.builder.api.ModelServerRequest;
import io.fathom.builder.api.ModelServerVariant;
import io.fathom.controlplane.build.BuildSettings;
import io.fathom.controlplane.instance.InstanceException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model server images, built here with the project's builder (Jib) on first use and then
 * reused: the builder keys the image by its inputs and skips a build the daemon already has. The
 * ONNX Runtime jar of each variant comes from the local Maven repository ({@code
 * fathom.ml.model-server.maven-repository}, default {@code ~/.m2/repository}), where building the
 * project put the CPU one; the GPU one ({@code onnxruntime_gpu}, 642 MB) is fetched there with
 * {@code ./mvnw dependency:get -Dartifact=com.microsoft.onnxruntime:onnxruntime_gpu:1.29.0}.
 */
@Singleton
@Requires(missingProperty = "fathom.ml.model-server.cpu-image")
public class BuilderModelServerImage implements ModelServerImage {
  private static final Logger LOG = LoggerFactory.getLogger(BuilderModelServerImage.class);
  static final String ORT_VERSION = "1.29.0";

  private final Path repository;
  private final Path cacheDir;
  private final String baseImage;
  private final Map<ModelServerVariant, String> built = new EnumMap<>(ModelServerVariant.class);

  public BuilderModelServerImage(
      BuildSettings builds,
      @Value("${fathom.ml.model-server.maven-repository:}") String repository,
      @Value("${fathom.ml.model-server.base-image:}") String baseImage) {
    this.repository =
        repository.isBlank()
            ? Path.of(System.getProperty("user.home"), ".m2", "repository")
            : Path.of(repository);
    this.cacheDir = builds.cacheDir();
    this.baseImage = baseImage.isBlank() ? ModelServerRequest.DEFAULT_BASE_IMAGE : baseImage;
  }

  @Override
  public synchronized String image(boolean gpu) throws InstanceException {
    ModelServerVariant variant = gpu ? ModelServerVariant.GPU : ModelServerVariant.CPU;
    String known = built.get(variant);
    if (known != null) {
      return known;
    }
    Path jar = jar(variant);
    try {
      BuildResult result =
          Builder.create()
              .buildModelServer(
                  ModelServerRequest.of(variant, jar, cacheDir).withBaseImage(baseImage),
                  event -> {});
      String image = result.imageId();
      LOG.info("Model server image ({}) is {}", variant.tag(), image);
      built.put(variant, image);
      return image;
    } catch (BuildException e) {
      throw new InstanceException(
          "model-server-image-unavailable",
          "The " + variant.tag() + " model server image could not be built: " + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InstanceException("interrupted", "Interrupted while building the model server");
    }
  }

  private Path jar(ModelServerVariant variant) throws InstanceException {
    String artifact = variant.artifactId();
    Path jar =
        repository
            .resolve("com/microsoft/onnxruntime")
            .resolve(artifact)
            .resolve(ORT_VERSION)
            .resolve(artifact + "-" + ORT_VERSION + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new InstanceException(
          "model-server-image-unavailable",
          "ONNX Runtime ("
              + artifact
              + " "
              + ORT_VERSION
              + ") is not in "
              + repository
              + "; fetch it with ./mvnw dependency:get -Dartifact=com.microsoft.onnxruntime:"
              + artifact
              + ":"
              + ORT_VERSION);
    }
    return jar;
  }
}
