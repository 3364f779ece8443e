package io.fathom.controlplane.ml.serving;

import io.fathom.builder.api.ModelServerRequest;
import io.fathom.builder.api.ModelServerVariant;
import io.fathom.controlplane.build.BuildSettings;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Model server image settings ({@code fathom.ml.model-server.*}):
 *
 * <ul>
 *   <li>{@code base-image}: the Java runtime base (default {@code
 *       docker://fathom/base-jvm21:latest}, made by {@code scripts/images.sh jvm21});
 *   <li>{@code gpu-base-image}: the GPU variant's base (default {@code base-image}). ONNX Runtime's
 *       CUDA provider needs the CUDA 12 runtime, cuBLAS and cuDNN 9 libraries in the image (the
 *       driver comes from the NVIDIA container runtime): a Java base with them, e.g. one made from
 *       an {@code nvidia/cuda:12.x-cudnn-runtime} image where a registry has it. The offline {@code
 *       fathom/base-jvm21} has none, so its GPU image fails with the provider's error (or runs on
 *       CPU with {@code FATHOM_ONNX_ALLOW_CPU_FALLBACK=true});
 *   <li>{@code cpu-jar}, {@code gpu-jar}: the ONNX Runtime jar of a variant, a file path; when
 *       unset, the jar is taken from {@code maven-repository};
 *   <li>{@code maven-repository}: a local Maven repository (default {@code
 *       ${user.home}/.m2/repository}, or {@code maven.repo.local}). Building the project resolves
 *       the CPU jar there ({@code runtime-jvm} depends on it); the GPU jar (642 MB) gets there with
 *       {@code ./mvnw dependency:get -Dartifact=com.microsoft.onnxruntime:onnxruntime_gpu:1.29.0};
 *   <li>{@code build-at-startup}: variants to build in the background when the control plane starts
 *       (e.g. {@code cpu}; default none: the first deployment that needs one builds it).
 * </ul>
 *
 * The control plane never loads ONNX Runtime: it only hands the jar to the builder. The image's
 * layer cache is the function builds' ({@code $FATHOM_HOME/builds/cache}).
 */
@Singleton
public class ModelServerSettings {
  private final String baseImage;
  private final String gpuBaseImage;
  private final Optional<Path> cpuJar;
  private final Optional<Path> gpuJar;
  private final Path mavenRepository;
  private final Set<ModelServerVariant> buildAtStartup;
  private final Path cacheDir;

  public ModelServerSettings(
      @Value("${fathom.ml.model-server.base-image:}") String baseImage,
      @Value("${fathom.ml.model-server.gpu-base-image:}") String gpuBaseImage,
      @Value("${fathom.ml.model-server.cpu-jar:}") String cpuJar,
      @Value("${fathom.ml.model-server.gpu-jar:}") String gpuJar,
      @Value("${fathom.ml.model-server.maven-repository:}") String mavenRepository,
      @Value("${fathom.ml.model-server.build-at-startup:}") String buildAtStartup,
      BuildSettings builds) {
    this.baseImage =
        baseImage.isBlank() ? ModelServerRequest.DEFAULT_BASE_IMAGE : baseImage.strip();
    this.gpuBaseImage = gpuBaseImage.isBlank() ? this.baseImage : gpuBaseImage.strip();
    this.cpuJar = path(cpuJar);
    this.gpuJar = path(gpuJar);
    this.mavenRepository =
        path(mavenRepository)
            .or(() -> path(System.getProperty("maven.repo.local", "")))
            .orElseGet(
                () ->
                    Path.of(System.getProperty("user.home"), ".m2", "repository").toAbsolutePath());
    this.buildAtStartup = variants(buildAtStartup);
    this.cacheDir = builds.cacheDir();
  }

  /** The variant's base image. */
  public String baseImage(ModelServerVariant variant) {
    return variant == ModelServerVariant.GPU ? gpuBaseImage : baseImage;
  }

  public Path mavenRepository() {
    return mavenRepository;
  }

  public Set<ModelServerVariant> buildAtStartup() {
    return buildAtStartup;
  }

  /** The builder's cache, shared with function builds. */
  public Path cacheDir() {
    return cacheDir;
  }

  /**
   * The variant's ONNX Runtime jar: the configured file, else the Maven repository's.
   *
   * @throws ModelServerImageException {@code model-server-runtime-missing}, saying how to get it
   */
  public Path onnxRuntimeJar(ModelServerVariant variant) {
    Optional<Path> configured = variant == ModelServerVariant.CPU ? cpuJar : gpuJar;
    String setting = "fathom.ml.model-server." + variant.tag() + "-jar";
    if (configured.isPresent()) {
      if (Files.isRegularFile(configured.get())) {
        return configured.get();
      }
      throw new ModelServerImageException(
          "model-server-runtime-missing",
          setting
              + " names "
              + configured.get()
              + ", which is not a file: point it at "
              + variant.jarFileName(ModelServerVariant.ONNXRUNTIME_VERSION)
              + " or unset it to use the local Maven repository.");
    }
    String version = ModelServerVariant.ONNXRUNTIME_VERSION;
    Path jar = mavenRepository.resolve(variant.mavenRepositoryPath(version));
    if (Files.isRegularFile(jar)) {
      return jar;
    }
    String how =
        variant == ModelServerVariant.CPU
            ? "build the project (scripts/build.sh: runtime-jvm resolves it)"
            : "fetch it (642 MB) with ./mvnw dependency:get -Dartifact="
                + variant.coordinates(version);
    throw new ModelServerImageException(
        "model-server-runtime-missing",
        "The "
            + variant.tag()
            + " model server image needs "
            + variant.coordinates(version)
            + ", which is not in the Maven repository "
            + mavenRepository
            + ": "
            + how
            + ", or set "
            + setting
            + " to the jar's path.");
  }

  private static Optional<Path> path(String value) {
    return value == null || value.isBlank()
        ? Optional.empty()
        : Optional.of(Path.of(value.strip()).toAbsolutePath().normalize());
  }

  private static Set<ModelServerVariant> variants(String list) {
    Set<ModelServerVariant> variants = EnumSet.noneOf(ModelServerVariant.class);
    for (String item : list.split(",")) {
      if (!item.isBlank()) {
        try {
          variants.add(ModelServerVariant.parse(item));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "fathom.ml.model-server.build-at-startup: " + e.getMessage(), e);
        }
      }
    }
    return Collections.unmodifiableSet(variants);
  }
}
