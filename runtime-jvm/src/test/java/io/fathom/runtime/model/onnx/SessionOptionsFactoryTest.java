package io.fathom.runtime.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtSession.SessionOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model's {@code onnx_session_options}, applied as MLflow's loader applies them. */
class SessionOptionsFactoryTest {
  @Test
  void mlflowsOptions_areApplied() throws Exception {
    try (SessionOptions options =
        SessionOptionsFactory.create(
            Map.of(
                "intra_op_num_threads",
                8,
                "inter_op_num_threads",
                1,
                "execution_mode",
                "sequential",
                "graph_optimization_level",
                99,
                "enable_mem_pattern",
                false,
                "extra_session_config",
                Map.of("session.use_env_allocators", "1")),
            SessionSettings.cpu(2))) {
      assertThat(options.getConfigEntries()).containsEntry("session.use_env_allocators", "1");
    }
  }

  @Test
  void anOptionThisServerCannotApply_failsTheLoadNamingTheOnesItCan() {
    assertThatThrownBy(
            () ->
                SessionOptionsFactory.create(Map.of("enable_magic", true), SessionSettings.cpu(1)))
        .isInstanceOfSatisfying(
            ModelLoadException.class,
            e -> assertThat(e.code()).isEqualTo("unsupported-session-option"))
        .hasMessageContaining("enable_magic")
        .hasMessageContaining("intra_op_num_threads");
  }

  @Test
  void aBadValue_saysWhatItMustBe() {
    assertThatThrownBy(
            () ->
                SessionOptionsFactory.create(
                    Map.of("graph_optimization_level", 7), SessionSettings.cpu(1)))
        .hasMessageContaining("graph_optimization_level is 7")
        .hasMessageContaining("0, 1, 2 or 99");
    assertThatThrownBy(
            () ->
                SessionOptionsFactory.create(
                    Map.of("execution_mode", "sideways"), SessionSettings.cpu(1)))
        .hasMessageContaining("sequential or parallel");
  }
}
