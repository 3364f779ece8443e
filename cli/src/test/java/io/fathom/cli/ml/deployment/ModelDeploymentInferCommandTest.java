package io.fathom.cli.ml.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.cli.testing.CliRunner;
import io.fathom.cli.testing.CliRunner.Result;
import io.fathom.cli.testing.FakeApi;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code i ml deployment infer}: V2 requests and answers pass through unchanged. */
class ModelDeploymentInferCommandTest {
  private static final String ID = "379f103f-45cd-4c00-aec3-0fa4af756cae";
  private static final String ONE = "/api/intelligence/machine-learning/v1/deployments/" + ID;

  @TempDir Path home;
  private FakeApi api;
  private CliRunner cli;

  @BeforeEach
  void start() {
    api = FakeApi.start();
    cli = new CliRunner(home).loggedIn("default", api.url());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void infer_passesTheV2RequestThrough_andPrintsTheAnswer() {
    String answer =
        "{\"model_name\":\"default\",\"id\":\"r-1\",\"outputs\":[{\"name\":\"label\","
            + "\"datatype\":\"INT64\",\"shape\":[1],\"data\":[1]}]}";
    api.on("POST", ONE + "/v2/models/default/infer", 200, answer);
    String request =
        """
        {"inputs": [{"name": "float_input", "shape": [1, 4], "datatype": "FP32",
                     "data": [7.0, 3.2, 4.7, 1.4]}],
         "outputs": [{"name": "label"}]}
        """;

    Result result = cli.stdin(request).run("i", "ml", "deployment", "infer", ID, "--data", "-");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("\"model_name\" : \"default\"").contains("\"INT64\"");
    JsonNode sent = api.only("POST", ONE + "/v2/models/default/infer").json();
    assertThat(sent.get("inputs").get(0).get("data").toString()).isEqualTo("[7.0,3.2,4.7,1.4]");
    assertThat(sent.get("outputs").get(0).get("name").asText()).isEqualTo("label");
  }

  @Test
  void infer_modelServerError_isPrinted_andExitsOne() {
    api.on(
        "POST",
        ONE + "/v2/models/default/infer",
        400,
        "{\"error\":\"unexpected shape for input 'float_input': expected [-1,4], got [1,3]\"}");

    Result result = cli.run("i", "ml", "deployment", "infer", ID, "--data", "{\"inputs\": []}");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "Error: unexpected shape for input 'float_input': expected [-1,4], got [1,3]"
                + " (bad-request)\n");
  }

  @Test
  void infer_notRunning_isA503WithTheServersMessage() {
    api.on(
        "POST",
        ONE + "/v2/models/default/infer",
        503,
        "{\"error\":\"deployment is not running yet\"}");

    Result result = cli.run("i", "ml", "deployment", "infer", ID, "--data", "{}");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("Error: deployment is not running yet (unavailable)\n");
  }

  @Test
  void infer_needsData_andRefusesBadJsonBeforeSending() {
    Result missing = cli.run("i", "ml", "deployment", "infer", ID);
    Result bad = cli.run("i", "ml", "deployment", "infer", ID, "--data", "{\"inputs\": [");

    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("--data is required").contains("(missing-data)");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("not valid JSON").contains("(invalid-data)");
    assertThat(api.requests()).isEmpty();
  }
}
