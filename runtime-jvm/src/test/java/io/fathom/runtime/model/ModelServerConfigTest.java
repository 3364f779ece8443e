package io.fathom.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.runtime.model.ModelServerConfig.ModelSource;
import io.fathom.runtime.model.onnx.ExecutionDevice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelServerConfigTest {
  static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "8080");
    env.put("FATHOM_MODEL_DIR", "/models/iris");
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] == null) {
        env.remove(pairs[i]);
      } else {
        env.put(pairs[i], pairs[i + 1]);
      }
    }
    return env;
  }

  @Test
  void defaults() {
    ModelServerConfig c = ModelServerConfig.from(env());
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.modelName()).isEqualTo("default");
    assertThat(c.source()).isEqualTo(new ModelSource.Local(Path.of("/models/iris")));
    assertThat(c.session().device()).isEqualTo(ExecutionDevice.CPU);
    assertThat(c.session().allowCpuFallback()).isFalse();
    assertThat(c.session().intraOpThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(c.batch().enabled()).isFalse();
  }

  @Test
  void everySetting() {
    ModelServerConfig c =
        ModelServerConfig.from(
            env(
                "FATHOM_MODEL_NAME", "iris-classifier",
                "FATHOM_ONNX_DEVICE", "CUDA",
                "FATHOM_ONNX_ALLOW_CPU_FALLBACK", "true",
                "FATHOM_ONNX_INTRA_OP_THREADS", "3",
                "FATHOM_BATCH_MAX_SIZE", "32",
                "FATHOM_BATCH_MAX_DELAY_MS", "5"));
    assertThat(c.modelName()).isEqualTo("iris-classifier");
    assertThat(c.session().device()).isEqualTo(ExecutionDevice.CUDA);
    assertThat(c.session().allowCpuFallback()).isTrue();
    assertThat(c.session().intraOpThreads()).isEqualTo(3);
    assertThat(c.batch().maxSize()).isEqualTo(32);
    assertThat(c.batch().maxDelay()).isEqualTo(Duration.ofMillis(5));
    assertThat(c.batch().enabled()).isTrue();
  }

  @Test
  void artifactSource_carriesTheSdkCredentials_butNeverPrintsThem() {
    ModelServerConfig c =
        ModelServerConfig.from(
            env(
                "FATHOM_MODEL_DIR", null,
                "FATHOM_MODEL_ARTIFACT_URI",
                    "http://cp:8080/api/2.0/mlflow-artifacts/artifacts/1/models/m-1/artifacts",
                "FATHOM_SDK_AUTHORIZATION", "Bearer secret-token",
                "FATHOM_SDK_PROJECT_ID", "p-1"));
    ModelSource.Artifact source = (ModelSource.Artifact) c.source();
    assertThat(source.authorization()).isEqualTo("Bearer secret-token");
    assertThat(source.projectId()).contains("p-1");
    assertThat(c.toString()).doesNotContain("secret-token");
  }

  @Test
  void badSettings_failNamingTheVariable() {
    assertThatThrownBy(() -> ModelServerConfig.from(env("PORT", null)))
        .hasMessageContaining("PORT");
    assertThatThrownBy(() -> ModelServerConfig.from(env("FATHOM_ONNX_DEVICE", "tpu")))
        .hasMessageContaining("FATHOM_ONNX_DEVICE")
        .hasMessageContaining("cpu or cuda");
    assertThatThrownBy(() -> ModelServerConfig.from(env("FATHOM_ONNX_ALLOW_CPU_FALLBACK", "maybe")))
        .hasMessageContaining("FATHOM_ONNX_ALLOW_CPU_FALLBACK");
    assertThatThrownBy(() -> ModelServerConfig.from(env("FATHOM_ONNX_INTRA_OP_THREADS", "0")))
        .hasMessageContaining("FATHOM_ONNX_INTRA_OP_THREADS");
    assertThatThrownBy(() -> ModelServerConfig.from(env("FATHOM_BATCH_MAX_SIZE", "x")))
        .hasMessageContaining("FATHOM_BATCH_MAX_SIZE");
    assertThatThrownBy(() -> ModelServerConfig.from(env("FATHOM_MODEL_DIR", null)))
        .hasMessageContaining("FATHOM_MODEL_ARTIFACT_URI");
    assertThatThrownBy(() -> ModelServerConfig.from(env("FATHOM_MODEL_ARTIFACT_URI", "http://x/y")))
        .hasMessageContaining("not both");
    assertThatThrownBy(
            () ->
                ModelServerConfig.from(
                    env("FATHOM_MODEL_DIR", null, "FATHOM_MODEL_ARTIFACT_URI", "http://x/y")))
        .hasMessageContaining("FATHOM_SDK_AUTHORIZATION");
    assertThatThrownBy(() -> ModelServerConfig.from(env("FATHOM_MODEL_NAME", "a b")))
        .hasMessageContaining("FATHOM_MODEL_NAME");
  }
}
