package io.fathom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user documentation's section 5.1.1 without Python: {@code fathom i mlflow run} gives a
 * command the tracking URI and a project token, and what the command logs with them lands in the
 * context's project.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MlflowRunTest {
  /** What an MLflow client does first: create an experiment with the injected variables. */
  static final String CREATE =
      """
      set -e
      curl -sf -H "Authorization: Bearer $MLFLOW_TRACKING_TOKEN" -X POST \
        -H 'Content-Type: application/json' \
        "$MLFLOW_TRACKING_URI/api/2.0/mlflow/experiments/create" -d '{"name":"from-cli"}'
      echo
      echo "project=$FATHOM_SDK_PROJECT_ID"
      """;

  static final String GET =
      """
      curl -sf -H "Authorization: Bearer $MLFLOW_TRACKING_TOKEN" \
        "$MLFLOW_TRACKING_URI/api/2.0/mlflow/experiments/get-by-name?experiment_name=from-cli"
      """;

  @TempDir static Path work;
  ControlPlaneServer server;
  Cli cli;

  @BeforeAll
  void start() {
    server = ControlPlaneServer.start();
    cli = new Cli(work.resolve("config"), server.home());
    var login = cli.run("login", server.url());
    assertThat(login.status()).as(login.toString()).isZero();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void run_injectsTrackingUriAndToken_andTheExperimentLandsInTheProject() throws Exception {
    String projectId =
        new ObjectMapper()
            .readTree(work.resolve("config/config.json").toFile())
            .findValue("intelligenceProjectId")
            .asText();

    var create = cli.run("i", "mlflow", "run", "bash", "-c", CREATE);
    var get = cli.run("i", "mlflow", "run", "--", "bash", "-c", GET);
    var list = cli.run("i", "ml", "experiment", "list", "--output", "json");

    assertThat(create.status()).as(create.toString()).isZero();
    assertThat(create.out()).contains("\"experiment_id\"").contains("project=" + projectId);
    assertThat(get.status()).as(get.toString()).isZero();
    assertThat(get.json().at("/experiment/name").asText()).isEqualTo("from-cli");
    assertThat(list.status()).as(list.toString()).isZero();
    assertThat(names(list.json())).contains("from-cli");
  }

  @Test
  void run_passesAFailingCommandsExitStatusThrough() {
    var failed = cli.run("i", "mlflow", "run", "bash", "-c", "echo about to fail >&2; exit 3");

    assertThat(failed.status()).as(failed.toString()).isEqualTo(3);
    assertThat(failed.err()).contains("about to fail");
  }

  @Test
  void run_theTokenIsProjectScoped_andExpires() {
    var token =
        cli.run(
            "i",
            "mlflow",
            "run",
            "bash",
            "-c",
            "curl -sf -H \"Authorization: Bearer $MLFLOW_TRACKING_TOKEN\""
                + " \"$MLFLOW_TRACKING_URI/api/platform/v1/whoami\"");

    assertThat(token.status()).as(token.toString()).isZero();
    assertThat(token.out()).contains("\"projectId\"");
    var tokens = cli.run("token", "list", "--output", "json");
    assertThat(tokens.out()).contains("mlflow-run");
    JsonNode minted =
        StreamSupport.stream(tokens.json().spliterator(), false)
            .filter(t -> "mlflow-run".equals(t.path("name").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(minted.path("projectId").asText()).isNotEmpty();
    assertThat(minted.path("expiresAt").isNull()).isFalse();
  }

  private static java.util.List<String> names(JsonNode items) {
    return StreamSupport.stream(items.spliterator(), false)
        .map(e -> e.path("name").asText())
        .toList();
  }
}
