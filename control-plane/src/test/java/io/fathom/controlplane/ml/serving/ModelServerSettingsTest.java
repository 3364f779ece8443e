package io.fathom.controlplane.ml.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fathom.builder.api.ModelServerVariant;
import io.fathom.controlplane.build.BuildSettings;
import io.fathom.controlplane.config.FathomHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the model server images' ONNX Runtime jars come from, and the settings' checks. */
class ModelServerSettingsTest {
  @TempDir Path work;

  private ModelServerSettings settings(
      String baseImage, String cpuJar, String gpuJar, String repository, String startup) {
    return settings(baseImage, "", cpuJar, gpuJar, repository, startup);
  }

  private ModelServerSettings settings(
      String baseImage,
      String gpuBaseImage,
      String cpuJar,
      String gpuJar,
      String repository,
      String startup) {
    BuildSettings builds =
        new BuildSettings(2, "", "", "", new FathomHome(work.resolve("home").toString()));
    return new ModelServerSettings(
        baseImage, gpuBaseImage, cpuJar, gpuJar, repository, startup, builds);
  }

  @Test
  void defaults_jvm21Base_noStartupBuilds_andTheBuildCache() {
    ModelServerSettings s = settings("", "", "", "", "");
    assertThat(s.baseImage(ModelServerVariant.CPU)).isEqualTo("docker://fathom/base-jvm21:latest");
    assertThat(s.baseImage(ModelServerVariant.GPU)).isEqualTo("docker://fathom/base-jvm21:latest");
    assertThat(s.buildAtStartup()).isEmpty();
    assertThat(s.cacheDir()).isEqualTo(work.resolve("home").resolve("builds").resolve("cache"));
    assertThat(s.mavenRepository()).isAbsolute();
  }

  @Test
  void gpuBaseImage_defaultsToTheBaseImage_andCanDiffer() {
    assertThat(settings("docker://b:1", "", "", "", "", "").baseImage(ModelServerVariant.GPU))
        .isEqualTo("docker://b:1");
    ModelServerSettings s = settings("docker://b:1", "docker://cuda-jre:12", "", "", "", "");
    assertThat(s.baseImage(ModelServerVariant.GPU)).isEqualTo("docker://cuda-jre:12");
    assertThat(s.baseImage(ModelServerVariant.CPU)).isEqualTo("docker://b:1");
  }

  @Test
  void jar_comesFromTheMavenRepository_perVariant() throws Exception {
    Path repo = work.resolve("m2");
    Path cpu = repo.resolve("com/microsoft/onnxruntime/onnxruntime/1.29.0/onnxruntime-1.29.0.jar");
    Path gpu =
        repo.resolve("com/microsoft/onnxruntime/onnxruntime_gpu/1.29.0/onnxruntime_gpu-1.29.0.jar");
    Files.createDirectories(cpu.getParent());
    Files.writeString(cpu, "jar");
    ModelServerSettings s = settings("", "", "", repo.toString(), "");

    assertThat(s.onnxRuntimeJar(ModelServerVariant.CPU)).isEqualTo(cpu);
    ModelServerImageException missing =
        catchThrowableOfType(
            ModelServerImageException.class, () -> s.onnxRuntimeJar(ModelServerVariant.GPU));
    assertThat(missing.code()).isEqualTo("model-server-runtime-missing");
    assertThat(missing.getMessage())
        .contains(
            "com.microsoft.onnxruntime:onnxruntime_gpu:1.29.0",
            repo.toString(),
            "./mvnw dependency:get -Dartifact=com.microsoft.onnxruntime:onnxruntime_gpu:1.29.0",
            "fathom.ml.model-server.gpu-jar");

    Files.createDirectories(gpu.getParent());
    Files.writeString(gpu, "jar");
    assertThat(s.onnxRuntimeJar(ModelServerVariant.GPU)).isEqualTo(gpu);
  }

  @Test
  void configuredJar_winsOverTheRepository_andMustExist() throws Exception {
    Path jar = Files.writeString(work.resolve("ort-gpu.jar"), "jar");
    ModelServerSettings s =
        settings("", work.resolve("nope.jar").toString(), jar.toString(), work.toString(), "");

    assertThat(s.onnxRuntimeJar(ModelServerVariant.GPU)).isEqualTo(jar);
    ModelServerImageException e =
        catchThrowableOfType(
            ModelServerImageException.class, () -> s.onnxRuntimeJar(ModelServerVariant.CPU));
    assertThat(e.code()).isEqualTo("model-server-runtime-missing");
    assertThat(e.getMessage())
        .startsWith("fathom.ml.model-server.cpu-jar names ")
        .contains("nope.jar");
    assertThat(e.status().getCode()).isEqualTo(503);
  }

  @Test
  void buildAtStartup_takesAListOfVariants_andNamesTheSettingOnABadOne() {
    assertThat(settings("", "", "", "", "cpu, GPU").buildAtStartup())
        .containsExactly(ModelServerVariant.CPU, ModelServerVariant.GPU);
    assertThatThrownBy(() -> settings("", "", "", "", "cpu,tpu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("fathom.ml.model-server.build-at-startup: \"tpu\" is not");
  }
}
