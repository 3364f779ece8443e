package io.fathom.builder.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which ONNX Runtime build the model server image carries: the CPU one ({@code
 * com.microsoft.onnxruntime:onnxruntime}) for CPU serving sizes, the GPU one ({@code
 * onnxruntime_gpu}: the same classes plus the CUDA and TensorRT providers) for the {@code
 * nvidia-l4} sizes. Never both: an image has exactly one.
 */
public enum ModelServerVariant {
  CPU("onnxruntime", "cpu"),
  GPU("onnxruntime_gpu", "cuda");

  /**
   * The ONNX Runtime version {@code runtime-jvm} is compiled against (its {@code
   * onnxruntime.version}): the jar of either variant must be this version.
   */
  public static final String ONNXRUNTIME_VERSION = "1.29.0";

  /** The Maven group of both ONNX Runtime artifacts. */
  public static final String GROUP_ID = "com.microsoft.onnxruntime";

  private final String artifactId;
  private final String defaultDevice;

  ModelServerVariant(String artifactId, String defaultDevice) {
    this.artifactId = artifactId;
    this.defaultDevice = defaultDevice;
  }

  /**
   * The Maven artifact of this variant's ONNX Runtime ({@code groupId com.microsoft.onnxruntime}).
   */
  public String artifactId() {
    return artifactId;
  }

  /** The jar's file name at {@code version}, as Maven names it: {@code onnxruntime-1.29.0.jar}. */
  public String jarFileName(String version) {
    return artifactId + "-" + version + ".jar";
  }

  /**
   * Where Maven keeps the jar in a local repository, relative to its root: {@code
   * com/microsoft/onnxruntime/onnxruntime/1.29.0/onnxruntime-1.29.0.jar}.
   */
  public String mavenRepositoryPath(String version) {
    return GROUP_ID.replace('.', '/')
        + "/"
        + artifactId
        + "/"
        + version
        + "/"
        + jarFileName(version);
  }

  /** {@code com.microsoft.onnxruntime:ARTIFACT:VERSION}. */
  public String coordinates(String version) {
    return GROUP_ID + ":" + artifactId + ":" + version;
  }

  /** The tag word: {@code cpu} or {@code gpu}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The image's default {@code FATHOM_ONNX_DEVICE}: {@code cpu} or {@code cuda}. */
  public String defaultDevice() {
    return defaultDevice;
  }

  /**
   * {@code cpu} or {@code gpu} (any case).
   *
   * @throws IllegalArgumentException naming the known variants
   */
  public static ModelServerVariant parse(String text) {
    for (ModelServerVariant variant : values()) {
      if (variant.tag().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return variant;
      }
    }
    throw new IllegalArgumentException(
        "\""
            + text
            + "\" is not a model server variant. Known variants are "
            + Arrays.stream(values())
                .map(v -> "\"" + v.tag() + "\"")
                .collect(Collectors.joining(" and ")));
  }
}
