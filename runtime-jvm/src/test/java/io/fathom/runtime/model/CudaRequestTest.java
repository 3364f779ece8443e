package io.fathom.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.runtime.host.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CUDA asked for where it cannot load (the CPU ONNX Runtime jar on a machine without a GPU): the
 * start fails with the provider's error, unless CPU fallback is allowed, which then shows in {@code
 * GET /v2}. (The real CUDA path is checked on a GPU machine with bench/onnx-cuda-check.sh.)
 */
class CudaRequestTest {
  @Test
  void cudaThatCannotLoad_failsTheStartWithTheProvidersError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        ModelServerMain.run(
            Map.of(
                "PORT", "0",
                "FATHOM_MODEL_DIR", TestModels.model("iris").toString(),
                "FATHOM_ONNX_DEVICE", "cuda"),
            new JsonLog(new PrintStream(out, true, StandardCharsets.UTF_8), Clock.systemUTC()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String message = err.toString(StandardCharsets.UTF_8);
    System.out.println("CUDA on this machine: " + message.strip());
    assertThat(status).isEqualTo(1);
    assertThat(message)
        .startsWith("fathom-model-server: the CUDA execution provider could not load: ")
        .contains("FATHOM_ONNX_ALLOW_CPU_FALLBACK");
    // the provider's own words follow the prefix
    assertThat(message.length()).isGreaterThan(120);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"level\":\"error\"");
  }

  @Test
  void cudaWithFallbackAllowed_runsOnCpu_andSaysSoInServerMetadata() {
    try (TestServer t =
        TestServer.load(
            "iris",
            Map.of("FATHOM_ONNX_DEVICE", "cuda", "FATHOM_ONNX_ALLOW_CPU_FALLBACK", "true"))) {
      JsonNode fathom = t.client.get("/v2").json().get("fathom");
      assertThat(fathom.get("provider").asText()).isEqualTo("CPUExecutionProvider");
      assertThat(fathom.get("requested_device").asText()).isEqualTo("cuda");
      assertThat(fathom.get("fallback").asBoolean()).isTrue();
      assertThat(fathom.get("fallback_reason").asText()).contains("CUDA");
      assertThat(t.log())
          .contains("\"level\":\"warn\"")
          .contains("running on CPUExecutionProvider");
      assertThat(
              t.client
                  .post(
                      "/v2/models/default/infer",
                      V2ProtocolTest.irisRequest("[1,4]", "[6.7,3.0,5.2,2.3]"))
                  .json()
                  .at("/outputs/0/data")
                  .toString())
          .isEqualTo("[2]");
    }
  }
}
