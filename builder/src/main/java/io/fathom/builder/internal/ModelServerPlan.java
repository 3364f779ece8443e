package io.fathom.builder.internal;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.ModelServerVariant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model server image's layers and config: the ONNX model server of {@code runtime-jvm} ({@code
 * io.fathom.runtime.model.ModelServerMain}) on a Java runtime base, with one ONNX Runtime.
 *
 * <p>Layers, bottom first (the ones that change least first): {@code dependencies} ({@code
 * runtime-jvm}'s library jars at {@code /fathom/model-server/lib}), {@code server-dependencies}
 * (the model server's own libraries but ONNX Runtime, i.e. Netty, at {@code
 * /fathom/model-server/model-lib}), {@code onnxruntime-native} (the runtime's Linux x64 libraries
 * at {@value #NATIVE_DIR}), {@code onnxruntime} (the runtime's jar without native libraries, at
 * {@code /fathom/model-server/model-lib}), {@code classes} ({@code runtime-jvm}'s jar). Weights are
 * never in the image: the server downloads its model at start.
 */
final class ModelServerPlan {
  static final AbsoluteUnixPath SERVER_DIR = AbsoluteUnixPath.get("/fathom/model-server");
  static final String NATIVE_DIR = "/fathom/native";
  static final String MAIN_CLASS = "io.fathom.runtime.model.ModelServerMain";
  static final int PORT = 8080;
  static final String USER = "65534:65534";

  /** Bump when the plan changes in a way its inputs do not show (it is part of the image key). */
  static final String PLAN_VERSION = "model-server v2";

  private ModelServerPlan() {}

  /**
   * The plan for {@code host} (runtime-jvm's jar and {@code lib/}, as the builder carries them),
   * {@code serverLibs} (the jars of runtime-jvm's {@code model-lib/} but ONNX Runtime) and the
   * split ONNX Runtime jar.
   */
  static ImagePlan plan(
      ModelServerVariant variant,
      StagedTree host,
      StagedTree serverLibs,
      OnnxRuntimeJar.Split runtime,
      String key)
      throws BuildException {
    String hostJar = Jvm21Strategy.hostJar(host);
    List<FileEntriesLayer> layers = new ArrayList<>();
    host.layer("dependencies", SERVER_DIR, p -> p.startsWith("lib/")).ifPresent(layers::add);
    layers.add(serverLibs.layer("server-dependencies", SERVER_DIR.resolve("model-lib")));
    layers.add(
        tree(runtime.nativeDir(), runtime.natives(), true)
            .layer("onnxruntime-native", AbsoluteUnixPath.get(NATIVE_DIR)));
    layers.add(
        tree(runtime.modelLibDir(), List.of(runtime.jarName()), false)
            .layer("onnxruntime", SERVER_DIR.resolve("model-lib")));
    host.layer("classes", SERVER_DIR, hostJar::equals).ifPresent(layers::add);

    Map<String, String> env = new LinkedHashMap<>();
    env.put("PORT", Integer.toString(PORT));
    env.put("FATHOM_ONNX_DEVICE", variant.defaultDevice());
    if (variant == ModelServerVariant.GPU) {
      // What the NVIDIA container runtime reads to mount the GPUs and the driver's libraries.
      env.put("NVIDIA_VISIBLE_DEVICES", "all");
      env.put("NVIDIA_DRIVER_CAPABILITIES", "compute,utility");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("io.fathom.model-server.variant", variant.tag());
    labels.put("io.fathom.model-server.key", key);
    labels.put("io.fathom.onnxruntime.jar-sha256", runtime.sha256());
    labels.put("io.fathom.scaffolding-digest", host.digest());
    return new ImagePlan(layers, entrypoint(hostJar), env, "/", PORT, USER, labels);
  }

  /**
   * {@code java -Donnxruntime.native.path=/fathom/native -cp JAR:lib/*:model-lib/* Main}, no shell:
   * the classpath of {@code docs/model-server.md}; ONNX Runtime loads its libraries from the {@code
   * onnxruntime-native} layer (its jar in the image has none to unpack).
   */
  static List<String> entrypoint(String hostJar) {
    String classpath =
        String.join(
            ":",
            SERVER_DIR.resolve(hostJar).toString(),
            SERVER_DIR.resolve("lib") + "/*",
            SERVER_DIR.resolve("model-lib") + "/*");
    return List.of("java", "-Donnxruntime.native.path=" + NATIVE_DIR, "-cp", classpath, MAIN_CLASS);
  }

  /** A staged tree of the files already laid out under {@code dir} (named by the jar's digest). */
  private static StagedTree tree(Path dir, List<String> files, boolean executable) {
    return new StagedTree(
        dir,
        "sha256:" + dir.getParent().getFileName(),
        files.stream().sorted().map(f -> new StagedTree.Entry(f, false, executable)).toList());
  }
}
