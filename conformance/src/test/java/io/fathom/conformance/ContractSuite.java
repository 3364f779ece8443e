package io.fathom.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every clause of the runtime contract ({@code docs/runtime-contract.md}), checked against one
 * kind's fixture function ({@code conformance/fixtures/KIND}). One subclass per kind. The SIGTERM
 * drain runs last: it ends the process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ContractSuite {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String INPUT_SCHEMA = "{\"type\":\"object\",\"required\":[\"action\"]}";
  static final String OUTPUT_SCHEMA =
      "{\"type\":\"object\",\"not\":{\"required\":[\"unexpected\"]}}";
  static final Map<String, String> SDK =
      Map.of(
          "FATHOM_SDK_BASE_URL", "http://127.0.0.1:9/api/intelligence",
          "FATHOM_SDK_AUTHORIZATION", "Bearer conformance-token",
          "FATHOM_SDK_ORGANIZATION_ID", "org-123",
          "FATHOM_SDK_PROJECT_ID", "project-456",
          "FATHOM_SDK_SERVICE_PATH_ML", "/machine-learning/v1");

  final HttpClient http = HttpClient.newHttpClient();
  FunctionUnderTest function;
  Path work;

  abstract String kind();

  /** How long the first start may take (compiling included). */
  Duration startTimeout() {
    return Duration.ofMinutes(5);
  }

  @BeforeAll
  void start() throws Exception {
    work = Files.createTempDirectory("fathom-conformance-" + kind());
    Path input = Files.writeString(work.resolve("input.schema.json"), INPUT_SCHEMA);
    Path output = Files.writeString(work.resolve("output.schema.json"), OUTPUT_SCHEMA);
    Map<String, String> env = new LinkedHashMap<>(SDK);
    env.put("FATHOM_INPUT_SCHEMA_FILE", input.toString());
    env.put("FATHOM_OUTPUT_SCHEMA_FILE", output.toString());
    env.put("FATHOM_TIMEOUT_SECONDS", "30");
    env.put("FATHOM_DRAIN_SECONDS", "10");
    Path source = LocalFunction.ROOT.resolve("conformance/fixtures").resolve(kind());
    function = startFunction(source, env);
    function.awaitReady(startTimeout());
  }

  /** Starts the fixture with the suite's environment; {@code PORT} is the function's to choose. */
  FunctionUnderTest startFunction(Path source, Map<String, String> env) throws Exception {
    Path build = Path.of(System.getProperty("java.io.tmpdir"), "fathom-conformance-build", kind());
    Files.createDirectories(build);
    return LocalFunction.start(kind(), source, build, env);
  }

  @AfterAll
  void stop() throws Exception {
    if (function != null) {
      function.close();
    }
  }

  @Test
  @Order(1)
  void health_isOk() throws Exception {
    var reply = get("/_/health");
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(reply.body()).get("status").asText()).isEqualTo("ok");
  }

  @Test
  @Order(2)
  void ready_isOkOnceLoaded() throws Exception {
    var reply = get("/_/ready");
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(reply.body()).get("status").asText()).isEqualTo("ready");
  }

  @Test
  @Order(3)
  void invoke_returnsTheOutput_andEchoesTheCallId() throws Exception {
    var reply = invoke("{\"action\":\"echo\",\"value\":{\"n\":[1,2,3]}}", "call-echo-1", null);
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    assertThat(JSON.readTree(reply.body())).isEqualTo(JSON.readTree("{\"value\":{\"n\":[1,2,3]}}"));
    assertThat(reply.headers().firstValue("X-Fathom-Call-Id")).hasValue("call-echo-1");
  }

  @Test
  @Order(4)
  void functionError_is500WithItsMessage() throws Exception {
    var reply = invoke("{\"action\":\"fail\",\"message\":\"boom-42\"}", null, null);
    assertThat(reply.statusCode()).isEqualTo(500);
    assertError(reply, "function-error");
    assertThat(reply.body()).contains("boom-42");
  }

  @Test
  @Order(5)
  void inputSchemaViolation_is422() throws Exception {
    var reply = invoke("{\"value\":1}", null, null);
    assertThat(reply.statusCode()).isEqualTo(422);
    assertError(reply, "input-schema-violation");
  }

  @Test
  @Order(6)
  void outputSchemaViolation_is500() throws Exception {
    var reply = invoke("{\"action\":\"bad-output\"}", null, null);
    assertThat(reply.statusCode()).isEqualTo(500);
    assertError(reply, "output-schema-violation");
  }

  @Test
  @Order(7)
  void invalidJson_is400() throws Exception {
    var reply = invoke("{not json", null, null);
    assertThat(reply.statusCode()).isEqualTo(400);
    assertError(reply, "invalid-json");
  }

  @Test
  @Order(8)
  void sdkVariablesAndPort_reachTheFunction() throws Exception {
    var reply = invoke("{\"action\":\"env\"}", null, null);
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(reply.body());
    SDK.forEach((k, v) -> assertThat(body.get("sdk").get(k).asText()).as(k).isEqualTo(v));
    assertThat(body.get("port").asText()).isEqualTo(Integer.toString(function.port()));
  }

  @Test
  @Order(9)
  void logLines_carryTheCallId() throws Exception {
    String callId = "call-log-" + UUID.randomUUID();
    String message = "hello-from-" + kind();
    var reply = invoke("{\"action\":\"log\",\"message\":\"" + message + "\"}", callId, null);
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < end && !hasLogLine(callId, message)) {
      Thread.sleep(50);
    }
    assertThat(hasLogLine(callId, message))
        .as(
            "a JSON log line with callId %s and message %s in:%n%s",
            callId, message, function.output())
        .isTrue();
  }

  @Test
  @Order(10)
  void deadline_is504_andTheNextCallSucceeds() throws Exception {
    long deadline = System.currentTimeMillis() + 700;
    long start = System.nanoTime();
    var reply = invoke("{\"action\":\"sleep\",\"ms\":20000}", null, deadline);
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(504);
    assertError(reply, "timeout");
    assertThat(tookMs).as("answered soon after the deadline").isLessThan(5000);

    function.awaitReady(Duration.ofSeconds(60));
    var next = invoke("{\"action\":\"echo\",\"value\":\"after\"}", null, null);
    assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
    assertThat(JSON.readTree(next.body()).get("value").asText()).isEqualTo("after");
  }

  @Test
  @Order(100)
  void sigterm_finishesInFlightCalls_thenExits() throws Exception {
    CompletableFuture<HttpResponse<String>> inFlight =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return invoke("{\"action\":\"sleep\",\"ms\":1500}", null, null);
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    Thread.sleep(500);
    function.sigterm();

    HttpResponse<String> reply = inFlight.get(30, TimeUnit.SECONDS);
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    assertThat(JSON.readTree(reply.body()).get("slept").asInt()).isEqualTo(1500);
    Integer status = function.awaitExit(Duration.ofSeconds(20));
    assertThat(status).as("exits after draining:%n%s", function.output()).isNotNull();
    assertThat(status).as(function.output()).isZero();
  }

  private boolean hasLogLine(String callId, String message) {
    for (String line : function.output().split("\n")) {
      String trimmed = line.trim();
      if (!trimmed.startsWith("{")) {
        continue;
      }
      try {
        JsonNode record = JSON.readTree(trimmed);
        if (callId.equals(record.path("callId").asText())
            && record.path("message").asText().contains(message)
            && record.has("ts")
            && record.has("level")) {
          return true;
        }
      } catch (IOException notJson) {
        // other output
      }
    }
    return false;
  }

  private static void assertError(HttpResponse<String> reply, String code) throws IOException {
    JsonNode body = JSON.readTree(reply.body());
    assertThat(body.path("error").path("code").asText()).as(reply.body()).isEqualTo(code);
    assertThat(body.path("error").has("message")).as(reply.body()).isTrue();
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + function.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> invoke(String body, String callId, Long deadlineMs) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + function.port() + "/invoke"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (callId != null) {
      request.header("X-Fathom-Call-Id", callId);
    }
    if (deadlineMs != null) {
      request.header("X-Fathom-Deadline-Ms", Long.toString(deadlineMs));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
