package io.fathom.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.runtime.model.infer.ModelState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ready only after the warmup inference; 503 before. */
class ReadinessTest {
  @Test
  void beforeTheModelIsLoaded_readyAndInferAre503_liveIs200() throws Exception {
    try (TestServer t = TestServer.start("iris", Map.of())) {
      assertThat(t.client.get("/v2/health/live").status()).isEqualTo(200);
      assertThat(t.client.get("/v2/health/ready").status()).isEqualTo(503);
      assertThat(t.client.get("/v2/models/default/ready").status()).isEqualTo(503);
      assertThat(t.client.get("/v2/models/default").status()).isEqualTo(503);
      V2Client.Reply infer =
          t.client.post(
              "/v2/models/default/infer", V2ProtocolTest.irisRequest("[1,4]", "[5.1,3.5,1.4,0.2]"));
      assertThat(infer.status()).isEqualTo(503);
      assertThat(infer.error()).contains("not ready (loading)");
      assertThat(t.client.get("/v2").json().at("/fathom/model_state").asText())
          .isEqualTo("loading");

      t.server.load(t.server.fetch());

      assertThat(t.client.get("/v2/health/ready").status()).isEqualTo(200);
      assertThat(
              t.client
                  .post(
                      "/v2/models/default/infer",
                      V2ProtocolTest.irisRequest("[1,4]", "[5.1,3.5,1.4,0.2]"))
                  .status())
          .isEqualTo(200);
    }
  }

  @Test
  void load_runsAWarmupInferenceFromTheInputExampleBeforeReady() {
    try (TestServer t = TestServer.load("iris")) {
      assertThat(t.server.model().state()).isEqualTo(ModelState.READY);
      assertThat(t.server.model().warmupSource()).contains("input-example");
      // one model run, no request yet: the warmup
      assertThat(t.server.model().stats().executionCount()).isEqualTo(1);
      assertThat(t.server.model().stats().inferenceCount()).isZero();
      assertThat(t.log()).contains("warmed up from input-example");
    }
  }

  @Test
  void load_withoutAnInputExample_warmsUpWithZeros() {
    try (TestServer t = TestServer.load("scale")) {
      assertThat(t.server.model().warmupSource()).contains("zeros");
      assertThat(t.server.model().stats().executionCount()).isEqualTo(1);
    }
  }

  @Test
  void aModelOnnxRuntimeRefuses_failsTheLoad_andStaysNotReady(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3, 4});
    try (TestServer t = TestServer.start("iris", Map.of())) {
      assertThatThrownBy(() -> t.server.load(dir))
          .hasMessageContaining("ONNX Runtime cannot load the model");
      assertThat(t.server.model().state()).isEqualTo(ModelState.FAILED);
      assertThat(t.client.get("/v2/health/ready").status()).isEqualTo(503);
      assertThat(t.client.get("/v2").json().at("/fathom/failure").asText())
          .contains("cannot load the model");
    }
  }
}
