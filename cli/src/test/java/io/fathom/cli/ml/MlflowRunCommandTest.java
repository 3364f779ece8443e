package io.fathom.cli.ml;

import static io.fathom.cli.testing.Fixtures.data;
import static io.fathom.cli.testing.Fixtures.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.cli.testing.CliRunner;
import io.fathom.cli.testing.CliRunner.Result;
import io.fathom.cli.testing.FakeApi;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlflowRunCommandTest {
  private static final String TOKENS = "/api/platform/v1/tokens";

  @TempDir Path home;
  private FakeApi api;
  private CliRunner cli;

  @BeforeEach
  void start() {
    api = FakeApi.start();
    api.on("POST", TOKENS, 201, data("{\"id\":\"t-2\",\"token\":\"fthm_short_lived\"}"));
    cli = new CliRunner(home).loggedIn("default", api.url() + "/");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void run_givesTheCommandTheTrackingUriAndAOneHourProjectToken() {
    Result result =
        cli.run(
            "i",
            "mlflow",
            "run",
            "bash",
            "-c",
            "echo uri=$MLFLOW_TRACKING_URI; echo token=$MLFLOW_TRACKING_TOKEN;"
                + " echo sdk=$FATHOM_SDK_AUTHORIZATION; echo project=$FATHOM_SDK_PROJECT_ID");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("uri=" + api.url() + "\n")
        .contains("token=fthm_short_lived\n")
        .contains("sdk=Bearer fthm_short_lived\n")
        .contains("project=" + CliRunner.PROJECT + "\n");
    FakeApi.Request mint = api.only("POST", TOKENS);
    assertThat(mint.header("Authorization")).isEqualTo("Bearer " + CliRunner.TOKEN);
    assertThat(mint.json().get("projectId").asText()).isEqualTo(CliRunner.PROJECT);
    assertThat(mint.json().get("expiresInSeconds").asInt()).isEqualTo(3600);
  }

  @Test
  void run_passesTheCommandsExitStatusThrough() {
    Result result = cli.run("i", "mlflow", "run", "bash", "-c", "echo failing >&2; exit 7");

    assertThat(result.exitCode()).isEqualTo(7);
    assertThat(result.err()).contains("failing");
  }

  @Test
  void run_leavesOptionsAfterTheCommandToIt() {
    Result result = cli.run("i", "mlflow", "run", "--", "bash", "-c", "echo $0 $1", "--help", "-o");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("--help -o\n");
  }

  @Test
  void run_withoutACommand_isAUsageError() {
    Result result = cli.run("i", "mlflow", "run");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("<COMMAND>");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void run_reportsACommandThatCannotStart() {
    Result result = cli.run("i", "mlflow", "run", "no-such-command-fathom");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("could not start 'no-such-command-fathom'");
  }

  @Test
  void run_whenTheTokenCannotBeMinted_startsNothing() {
    api.on("POST", TOKENS, 403, error("forbidden", "not allowed"));

    Result result = cli.run("i", "mlflow", "run", "bash", "-c", "echo started");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).doesNotContain("started");
    assertThat(result.err()).contains("not allowed");
  }
}
