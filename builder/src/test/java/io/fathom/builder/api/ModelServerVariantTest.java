package io.fathom.builder.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelServerVariantTest {

  @Test
  void onnxRuntimeVersion_isTheOneRuntimeJvmAndThisBuildUse() throws Exception {
    assertThat(ModelServerVariant.ONNXRUNTIME_VERSION)
        .isEqualTo(System.getProperty("fathom.onnxruntime.version"));
    String runtimePom = Files.readString(Path.of("..", "runtime-jvm", "pom.xml"));
    assertThat(runtimePom)
        .contains(
            "<onnxruntime.version>"
                + ModelServerVariant.ONNXRUNTIME_VERSION
                + "</onnxruntime.version>");
  }

  @Test
  void mavenRepositoryPath_andCoordinates_perVariant() {
    assertThat(ModelServerVariant.CPU.mavenRepositoryPath("1.29.0"))
        .isEqualTo("com/microsoft/onnxruntime/onnxruntime/1.29.0/onnxruntime-1.29.0.jar");
    assertThat(ModelServerVariant.GPU.mavenRepositoryPath("1.29.0"))
        .isEqualTo("com/microsoft/onnxruntime/onnxruntime_gpu/1.29.0/onnxruntime_gpu-1.29.0.jar");
    assertThat(ModelServerVariant.GPU.coordinates("1.29.0"))
        .isEqualTo("com.microsoft.onnxruntime:onnxruntime_gpu:1.29.0");
  }

  @Test
  void parse_acceptsTheTags_andListsThemOtherwise() {
    assertThat(ModelServerVariant.parse("GPU")).isEqualTo(ModelServerVariant.GPU);
    assertThat(ModelServerVariant.parse(" cpu ")).isEqualTo(ModelServerVariant.CPU);
    assertThatThrownBy(() -> ModelServerVariant.parse("tpu"))
        .hasMessage(
            "\"tpu\" is not a model server variant. Known variants are \"cpu\" and \"gpu\"");
  }
}
