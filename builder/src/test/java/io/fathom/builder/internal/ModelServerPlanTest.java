package io.fathom.builder.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.ModelServerVariant;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model server image plan without Docker: the GPU variant's layers and config from a jar shaped
 * like {@code onnxruntime_gpu} (its Linux x64 natives with the CUDA provider; the real one is 642
 * MB and not fetched in CI), the jar checked against the variant, and the split of the real CPU jar
 * from the local Maven repository.
 */
class ModelServerPlanTest {
  private static final Path CPU_JAR = Path.of(System.getProperty("fathom.onnxruntime.cpu-jar"));

  @TempDir Path work;
  private StagedTree host;
  private StagedTree serverLibs;

  @BeforeEach
  void stageHost() throws Exception {
    Path hostDir = Files.createDirectories(work.resolve("host"));
    Files.writeString(hostDir.resolve("runtime-jvm-0.1.0-SNAPSHOT.jar"), "host jar");
    Files.createDirectories(hostDir.resolve("lib"));
    Files.writeString(hostDir.resolve("lib/jackson-databind-2.19.2.jar"), "lib jar");
    Files.writeString(hostDir.resolve("lib/snakeyaml-2.4.jar"), "lib jar");
    host = new TreeStager(work.resolve("staged")).stage(hostDir);
    Path serverLibDir = Files.createDirectories(work.resolve("server-lib"));
    Files.writeString(serverLibDir.resolve("netty-codec-http-4.2.16.Final.jar"), "netty jar");
    serverLibs = new TreeStager(work.resolve("staged")).stage(serverLibDir);
  }

  @Test
  void gpuPlan_layersBottomFirst_natives_jarWithoutNatives_andCudaDevice() throws Exception {
    Path jar = gpuShapedJar(work.resolve("onnxruntime_gpu-1.29.0.jar"));
    String sha = OnnxRuntimeJar.sha256(jar);
    OnnxRuntimeJar.Split split =
        OnnxRuntimeJar.split(jar, sha, ModelServerVariant.GPU, work.resolve("ort"));

    ImagePlan plan =
        ModelServerPlan.plan(ModelServerVariant.GPU, host, serverLibs, split, "0123456789abcdef");

    assertThat(plan.layers())
        .extracting(FileEntriesLayer::getName)
        .containsExactly(
            "dependencies", "server-dependencies", "onnxruntime-native", "onnxruntime", "classes");
    assertThat(files(plan.layers().get(0)))
        .containsExactly(
            "/fathom/model-server/lib/jackson-databind-2.19.2.jar",
            "/fathom/model-server/lib/snakeyaml-2.4.jar");
    assertThat(files(plan.layers().get(1)))
        .containsExactly("/fathom/model-server/model-lib/netty-codec-http-4.2.16.Final.jar");
    assertThat(files(plan.layers().get(2)))
        .containsExactly(
            "/fathom/native/libonnxruntime.so",
            "/fathom/native/libonnxruntime4j_jni.so",
            "/fathom/native/libonnxruntime_providers_cuda.so",
            "/fathom/native/libonnxruntime_providers_shared.so");
    assertThat(files(plan.layers().get(3)))
        .containsExactly("/fathom/model-server/model-lib/onnxruntime_gpu-1.29.0.jar");
    assertThat(files(plan.layers().get(4)))
        .containsExactly("/fathom/model-server/runtime-jvm-0.1.0-SNAPSHOT.jar");
    try (ZipFile stripped = new ZipFile(split.modelLibDir().resolve(split.jarName()).toFile())) {
      assertThat(Collections.list(stripped.entries()))
          .extracting(ZipEntry::getName)
          .containsExactly("ai/", "ai/onnxruntime/", "ai/onnxruntime/OrtSession.class");
    }

    assertThat(plan.entrypoint())
        .containsExactly(
            "java",
            "-Donnxruntime.native.path=/fathom/native",
            "-cp",
            "/fathom/model-server/runtime-jvm-0.1.0-SNAPSHOT.jar:/fathom/model-server/lib/*"
                + ":/fathom/model-server/model-lib/*",
            "io.fathom.runtime.model.ModelServerMain");
    assertThat(plan.environment())
        .containsEntry("FATHOM_ONNX_DEVICE", "cuda")
        .containsEntry("PORT", "8080")
        .containsEntry("NVIDIA_VISIBLE_DEVICES", "all");
    assertThat(plan.user()).isEqualTo("65534:65534");
    assertThat(plan.labels())
        .containsEntry("io.fathom.model-server.variant", "gpu")
        .containsEntry("io.fathom.onnxruntime.jar-sha256", sha);
  }

  @Test
  void cpuPlan_takesTheRealCpuJar_withCpuDevice_andNoNvidiaVariables() throws Exception {
    OnnxRuntimeJar.Split split =
        OnnxRuntimeJar.split(
            CPU_JAR, OnnxRuntimeJar.sha256(CPU_JAR), ModelServerVariant.CPU, work.resolve("ort"));

    ImagePlan plan =
        ModelServerPlan.plan(ModelServerVariant.CPU, host, serverLibs, split, "0123456789abcdef");

    assertThat(split.natives()).containsExactly("libonnxruntime.so", "libonnxruntime4j_jni.so");
    assertThat(files(plan.layers().get(3)))
        .containsExactly("/fathom/model-server/model-lib/onnxruntime-1.29.0.jar");
    try (ZipFile stripped = new ZipFile(split.modelLibDir().resolve(split.jarName()).toFile())) {
      List<String> names =
          Collections.list(stripped.entries()).stream().map(ZipEntry::getName).toList();
      assertThat(names).noneMatch(n -> n.startsWith("ai/onnxruntime/native/"));
      assertThat(names)
          .contains("ai/onnxruntime/OrtSession.class", "ai/onnxruntime/OnnxRuntime.class");
    }
    assertThat(plan.environment())
        .containsEntry("FATHOM_ONNX_DEVICE", "cpu")
        .doesNotContainKey("NVIDIA_VISIBLE_DEVICES");
  }

  @Test
  void split_isReproducible_byteForByte() throws Exception {
    String sha = OnnxRuntimeJar.sha256(CPU_JAR);
    OnnxRuntimeJar.Split a =
        OnnxRuntimeJar.split(CPU_JAR, sha, ModelServerVariant.CPU, work.resolve("ort-a"));
    OnnxRuntimeJar.Split b =
        OnnxRuntimeJar.split(CPU_JAR, sha, ModelServerVariant.CPU, work.resolve("ort-b"));
    assertThat(OnnxRuntimeJar.sha256(b.modelLibDir().resolve(b.jarName())))
        .isEqualTo(OnnxRuntimeJar.sha256(a.modelLibDir().resolve(a.jarName())));
    assertThat(Files.getLastModifiedTime(a.nativeDir().resolve("libonnxruntime.so")).toInstant())
        .isEqualTo(StagedTree.FIXED_TIME);
  }

  @Test
  void gpuShapedJar_forTheCpuVariant_isRejected() throws Exception {
    Path jar = gpuShapedJar(work.resolve("onnxruntime_gpu-1.29.0.jar"));
    BuildException e =
        catchThrowableOfType(
            BuildException.class, () -> OnnxRuntimeJar.check(jar, ModelServerVariant.CPU));
    assertThat(e.code()).isEqualTo("onnxruntime-variant-mismatch");
    assertThat(e.getMessage()).contains("takes com.microsoft.onnxruntime:onnxruntime,", "has CUDA");
  }

  @Test
  void aJarWithoutLinuxNatives_isRejected() throws Exception {
    Path jar = zip(work.resolve("other.jar"), Map.of("ai/onnxruntime/OrtSession.class", "x"));
    BuildException e =
        catchThrowableOfType(
            BuildException.class, () -> OnnxRuntimeJar.check(jar, ModelServerVariant.GPU));
    assertThat(e.code()).isEqualTo("onnxruntime-jar-invalid");
    assertThat(e.getMessage()).contains("libonnxruntime.so", "onnxruntime_gpu");
  }

  @Test
  void key_changesWithEachInput() {
    String key = ModelServerBuild.key("v1", "cpu", "host", "jar", "base", "id");
    assertThat(key).matches("[0-9a-f]{16}");
    assertThat(ModelServerBuild.key("v1", "cpu", "host", "jar", "base", "id")).isEqualTo(key);
    assertThat(ModelServerBuild.key("v1", "gpu", "host", "jar", "base", "id")).isNotEqualTo(key);
    assertThat(ModelServerBuild.key("v1", "cpu", "host", "jar2", "base", "id")).isNotEqualTo(key);
    assertThat(ModelServerBuild.key("v1", "cpu", "host", "jar", "base", "id2")).isNotEqualTo(key);
  }

  /** The GPU jar's shape: Linux x64 natives with the CUDA provider, Windows ones, classes. */
  private static Path gpuShapedJar(Path jar) throws Exception {
    Map<String, String> entries = new java.util.LinkedHashMap<>();
    entries.put("ai/", null);
    entries.put("ai/onnxruntime/", null);
    entries.put("ai/onnxruntime/OrtSession.class", "classes");
    entries.put("ai/onnxruntime/native/", null);
    for (String lib :
        List.of(
            "libonnxruntime.so",
            "libonnxruntime4j_jni.so",
            "libonnxruntime_providers_cuda.so",
            "libonnxruntime_providers_shared.so")) {
      entries.put("ai/onnxruntime/native/linux-x64/" + lib, "elf " + lib);
    }
    entries.put("ai/onnxruntime/native/win-x64/onnxruntime_providers_cuda.dll", "pe");
    return zip(jar, entries);
  }

  private static Path zip(Path jar, Map<String, String> entries) throws Exception {
    try (OutputStream file = Files.newOutputStream(jar);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (var entry : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(entry.getKey()));
        if (entry.getValue() != null) {
          out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        }
        out.closeEntry();
      }
    }
    return jar;
  }

  private static List<String> files(FileEntriesLayer layer) {
    List<String> files = new ArrayList<>();
    for (FileEntry entry : layer.getEntries()) {
      if (Files.isRegularFile(entry.getSourceFile())) {
        files.add(entry.getExtractionPath().toString());
      }
    }
    return files;
  }
}
