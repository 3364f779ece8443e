package io.fathom.cli.call;

import static io.fathom.cli.testing.Fixtures.DEPLOYMENT_ID;
import static io.fathom.cli.testing.Fixtures.FUNCTION_ID;
import static io.fathom.cli.testing.Fixtures.data;
import static io.fathom.cli.testing.Fixtures.error;
import static io.fathom.cli.testing.Fixtures.page;
import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.cli.testing.CliRunner;
import io.fathom.cli.testing.CliRunner.Result;
import io.fathom.cli.testing.FakeApi;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallCommandsTest {
  private static final String CALL_ID = "9a7c3e1d-1111-4a2b-8c3d-4e5f6a7b8c9d";
  private static final String CALLS =
      "/api/intelligence/functions/v1/functions/" + FUNCTION_ID + "/calls";

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

  static String call(String status, String mode, String output, String error) {
    return """
    {"id":"%s","functionId":"%s","deploymentId":"%s","status":"%s","mode":"%s",
     "idempotencyKey":null,"output":%s,"error":%s,"durationMs":42,"coldStart":true,
     "timings":{"queuedMs":1,"startMs":30,"executionMs":11},"scheduleId":null,
     "createdAt":"2026-01-02T03:04:05.123Z","startedAt":"2026-01-02T03:04:05.124Z",
     "finishedAt":"2026-01-02T03:04:05.165Z"}
    """
        .formatted(CALL_ID, FUNCTION_ID, DEPLOYMENT_ID, status, mode, output, error);
  }

  @Test
  void create_sync_sendsTheInput_andPrintsTheOutput() {
    api.on("POST", CALLS, 200, data(call("succeeded", "sync", "{\"hello\":\"Ada\"}", "null")));

    Result result =
        cli.run("i", "function", "call", "create", FUNCTION_ID, "--data", "{\"name\": \"Ada\"}");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("{\n  \"hello\" : \"Ada\"\n}\n");
    FakeApi.Request request = api.only("POST", CALLS);
    assertThat(request.query()).isEqualTo("mode=sync");
    assertThat(request.text()).isEqualTo("{\"name\":\"Ada\"}");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("Idempotency-Key")).isNull();
    assertThat(request.header("X-Fathom-Timeout-Seconds")).isNull();
    assertThat(request.header("x-projectid")).isEqualTo(CliRunner.PROJECT);
  }

  @Test
  void create_withoutData_sendsAnEmptyObject() {
    api.on("POST", CALLS, 200, data(call("succeeded", "sync", "null", "null")));

    Result result = cli.run("i", "function", "call", "create", FUNCTION_ID);

    assertThat(result.out()).isEqualTo("null\n");
    assertThat(api.only("POST", CALLS).text()).isEqualTo("{}");
  }

  @Test
  void create_dataFromStandardInput_asTheDocumentShows() {
    api.on("POST", CALLS, 200, data(call("succeeded", "sync", "[1,2]", "null")));

    Result result =
        cli.stdin("{\"numbers\": [1, 2]}\n")
            .run("intelligence", "function", "call", "create", "--data", "-", FUNCTION_ID);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(api.only("POST", CALLS).json().get("numbers").size()).isEqualTo(2);
  }

  @Test
  void create_dataFromAFile() throws Exception {
    Path input = home.resolve("input.json");
    Files.writeString(input, "{\"from\": \"file\"}");
    api.on("POST", CALLS, 200, data(call("succeeded", "sync", "1", "null")));

    Result result = cli.run("i", "function", "call", "create", FUNCTION_ID, "--data", "@" + input);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(api.only("POST", CALLS).json().get("from").asText()).isEqualTo("file");
  }

  @Test
  void create_invalidData_failsBeforeAnyRequest() {
    Result inline = cli.run("i", "function", "call", "create", FUNCTION_ID, "--data", "{name:");
    Result emptyStdin = cli.run("i", "function", "call", "create", FUNCTION_ID, "--data", "-");
    Result noFile =
        cli.run("i", "function", "call", "create", FUNCTION_ID, "--data", "@missing.json");

    assertThat(inline.exitCode()).isEqualTo(1);
    assertThat(inline.err())
        .startsWith("Error: --data: the value is not valid JSON: ")
        .contains("line 1, column 2")
        .endsWith("(invalid-data)\n");
    assertThat(emptyStdin.err())
        .isEqualTo("Error: --data: standard input is empty, expected JSON (invalid-data)\n");
    assertThat(noFile.err()).contains("no such file").contains("(invalid-data)");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void create_sendsTheIdempotencyKeyAndTimeoutHeaders() {
    api.on("POST", CALLS, 200, data(call("succeeded", "sync", "true", "null")));

    cli.run(
        "i",
        "function",
        "call",
        "create",
        FUNCTION_ID,
        "--idempotency-key",
        "order-7",
        "--timeout",
        "30");

    FakeApi.Request request = api.only("POST", CALLS);
    assertThat(request.header("Idempotency-Key")).isEqualTo("order-7");
    assertThat(request.header("X-Fathom-Timeout-Seconds")).isEqualTo("30");
  }

  @Test
  void create_badTimeout_isAUsageError() {
    Result result = cli.run("i", "function", "call", "create", FUNCTION_ID, "--timeout", "0");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--timeout must be 1 or more seconds");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void create_failedCall_printsTheFunctionsError_andExitsOne() {
    api.on(
        "POST",
        CALLS,
        200,
        data(
            call(
                "failed",
                "sync",
                "null",
                "{\"code\":\"function-error\",\"message\":\"KeyError: 'name'\"}")));

    Result result = cli.run("i", "function", "call", "create", FUNCTION_ID);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("Error: KeyError: 'name' (function-error)\n");
  }

  @Test
  void create_timedOutCall_exitsOne() {
    api.on(
        "POST",
        CALLS,
        200,
        data(
            call(
                "timed-out",
                "sync",
                "null",
                "{\"code\":\"timed-out\",\"message\":\"the call ran past its 30 s timeout\"}")));

    Result result = cli.run("i", "function", "call", "create", FUNCTION_ID);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("Error: the call ran past its 30 s timeout (timed-out)\n");
  }

  @Test
  void create_async_printsTheCallId() {
    api.on("POST", CALLS, 202, data(call("queued", "async", "null", "null")));

    Result result = cli.run("i", "function", "call", "create", FUNCTION_ID, "--async");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("call created: " + CALL_ID + "\n");
    assertThat(api.only("POST", CALLS).query()).isEqualTo("mode=async");
  }

  @Test
  void create_json_printsTheWholeCall_evenWhenItFailed() {
    api.on(
        "POST",
        CALLS,
        200,
        data(call("failed", "sync", "null", "{\"code\":\"function-error\",\"message\":\"boom\"}")));

    Result result = cli.run("-o", "json", "i", "function", "call", "create", FUNCTION_ID);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .startsWith("{")
        .contains("\"id\" : \"" + CALL_ID + "\"")
        .contains("\"coldStart\" : true");
    assertThat(result.err()).isEqualTo("Error: boom (function-error)\n");
  }

  @Test
  void create_apiErrors_areReportedWithTheirCodes() {
    api.on(
        "POST",
        CALLS,
        422,
        error("input-schema-violation", "$.name: is missing but it is required"));

    Result result = cli.run("i", "function", "call", "create", FUNCTION_ID);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo("Error: $.name: is missing but it is required (input-schema-violation)\n");
  }

  @Test
  void list_filtersByStatus_andPrintsTheColumns() {
    api.on(
        "GET",
        CALLS,
        200,
        page(
            call("succeeded", "sync", "1", "null")
                + ","
                + call(
                    "failed",
                    "async",
                    "null",
                    "{\"code\":\"function-error\",\"message\":\"boom\"}"),
            1,
            1,
            2));

    Result result =
        cli.run("i", "function", "call", "list", FUNCTION_ID, "--status", "failed", "--page", "2");

    assertThat(result.exitCode()).as(result.err()).isZero();
    String[] lines = result.out().split("\n");
    assertThat(lines[0].split(" +"))
        .containsExactly("ID", "CREATED_AT", "STATUS", "DURATION_MS", "COLD_START", "ERROR");
    assertThat(lines[1].split(" +"))
        .containsExactly(CALL_ID, "2026-01-02T03:04:05Z", "succeeded", "42", "true", "-");
    assertThat(lines[2]).contains("failed", "boom (function-error)");
    assertThat(api.only("GET", CALLS).query()).isEqualTo("page_number=2&status=failed");
  }

  @Test
  void get_showsTheCall() {
    api.on("GET", CALLS + "/" + CALL_ID, 200, data(call("succeeded", "sync", "{\"a\":1}", "null")));

    Result result = cli.run("i", "function", "call", "get", FUNCTION_ID, CALL_ID);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("Status:")
        .contains("succeeded")
        .contains("Deployment:")
        .contains(DEPLOYMENT_ID)
        .contains("queued 1 ms, start 30 ms, execution 11 ms")
        .contains("{\"a\":1}");
  }
}
