package io.fathom.cli.logs;

import static io.fathom.cli.testing.Fixtures.FUNCTION_ID;
import static io.fathom.cli.testing.Fixtures.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.cli.testing.CliRunner;
import io.fathom.cli.testing.CliRunner.Result;
import io.fathom.cli.testing.FakeApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionLogsCommandTest {
  private static final String LOGS =
      "/api/intelligence/functions/v1/functions/" + FUNCTION_ID + "/logs";
  private static final String LINES =
      """
      {"ts":"2026-01-02T03:04:05.123Z","stream":"stdout","line":"handling order 7","callId":"c-1","deploymentId":"d-1"}

      {"ts":"2026-01-02T03:04:06Z","stream":"stderr","line":"Traceback (most recent call last):","callId":null,"deploymentId":"d-1"}
      """;

  @TempDir Path home;
  private FakeApi api;
  private CliRunner cli;

  @BeforeEach
  void start() {
    api = FakeApi.start();
    cli = new CliRunner(home).loggedIn("default", api.url());
    api.onBytes(
        "GET",
        LOGS,
        200,
        LINES.getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "application/x-ndjson"));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void logs_printsTheLines_ofStdoutAndStderr() {
    Result result = cli.run("i", "function", "logs", FUNCTION_ID);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("handling order 7\nTraceback (most recent call last):\n");
    FakeApi.Request request = api.only("GET", LOGS);
    assertThat(request.query()).isEqualTo("follow=false");
    assertThat(request.header("Accept")).contains("application/x-ndjson");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + CliRunner.TOKEN);
  }

  @Test
  void logs_watchAndFilters_areSentAsTheQuery_andTimePrefixesTheTimestamp() {
    Result result =
        cli.run(
            "i",
            "function",
            "logs",
            FUNCTION_ID,
            "--watch",
            "--call-id",
            "c-1",
            "--since",
            "2026-01-02T03:00:00Z",
            "--tail",
            "50",
            "--time");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "2026-01-02T03:04:05.123Z handling order 7\n"
                + "2026-01-02T03:04:06Z Traceback (most recent call last):\n");
    assertThat(api.only("GET", LOGS).query())
        .isEqualTo("follow=true&call_id=c-1&since=2026-01-02T03%3A00%3A00Z&tail=50");
  }

  @Test
  void logs_json_printsOneObjectPerLine() {
    Result result = cli.run("i", "function", "logs", FUNCTION_ID, "--output", "json");

    String[] lines = result.out().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith("{\"ts\":\"2026-01-02T03:04:05.123Z\"").contains("\"c-1\"");
    assertThat(lines[1]).contains("\"stream\":\"stderr\"");
  }

  @Test
  void logs_negativeTail_isAUsageError() {
    Result result = cli.run("i", "function", "logs", FUNCTION_ID, "--tail", "-1");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void logs_unknownFunction_isTheApisError() {
    api.on("GET", LOGS, 404, error("not-found", "function not found"));

    Result result = cli.run("i", "function", "logs", FUNCTION_ID);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("Error: function not found (not-found)\n");
  }

  @Test
  void logs_watch_printsEachLineAsItArrives() throws Exception {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    api.onStream(LOGS, lines);
    lines.add("{\"ts\":\"t1\",\"stream\":\"stdout\",\"line\":\"first\"}");

    CliRunner.Running running = cli.start("i", "function", "logs", FUNCTION_ID, "--watch");

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!running.out().contains("first") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(running.out()).isEqualTo("first\n");
    assertThat(running.code()).isNotDone();
    lines.add("{\"ts\":\"t2\",\"stream\":\"stderr\",\"line\":\"second\"}");
    lines.add(FakeApi.END_OF_STREAM);
    Result result = running.await();
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("first\nsecond\n");
    assertThat(api.only("GET", LOGS).query()).isEqualTo("follow=true");
  }
}
