package io.fathom.cli.ml.deployment;

import static io.fathom.cli.testing.Fixtures.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.cli.testing.CliRunner;
import io.fathom.cli.testing.CliRunner.Result;
import io.fathom.cli.testing.FakeApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDeploymentLogsCommandTest {
  private static final String ID = "379f103f-45cd-4c00-aec3-0fa4af756cae";
  private static final String LOGS =
      "/api/intelligence/machine-learning/v1/deployments/" + ID + "/logs";
  private static final String LINES =
      """
      {"ts":"2026-01-02T03:04:05Z","stream":"stdout","line":"model server listening on port 8080","workloadId":"w-1"}
      {"ts":"2026-01-02T03:04:06Z","stream":"stdout","line":"model 'default' warmed up","workloadId":"w-1"}
      """;

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
  void logs_printsTheModelServersLines() {
    api.onBytes(
        "GET",
        LOGS,
        200,
        LINES.getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "application/x-ndjson"));

    Result result = cli.run("i", "ml", "deployment", "logs", ID);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo("model server listening on port 8080\nmodel 'default' warmed up\n");
    assertThat(api.only("GET", LOGS).query()).isEqualTo("follow=false");
  }

  @Test
  void logs_watchSinceTailAndTime_areSentAndShown() {
    api.onBytes(
        "GET",
        LOGS,
        200,
        LINES.getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "application/x-ndjson"));

    Result result =
        cli.run(
            "i",
            "ml",
            "deployment",
            "logs",
            ID,
            "--watch",
            "--since",
            "2026-01-02T03:00:00Z",
            "--tail",
            "5",
            "--time");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("2026-01-02T03:04:05Z model server listening");
    assertThat(api.only("GET", LOGS).query())
        .isEqualTo("follow=true&since=2026-01-02T03%3A00%3A00Z&tail=5");
  }

  @Test
  void logs_unknownDeployment_isTheApisError() {
    api.on("GET", LOGS, 404, error("not-found", "deployment not found"));

    Result result = cli.run("i", "ml", "deployment", "logs", ID);

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("deployment not found");
  }
}
