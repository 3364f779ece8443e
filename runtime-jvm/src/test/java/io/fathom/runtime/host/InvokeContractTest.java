package io.fathom.runtime.host;

import static io.fathom.runtime.host.TestHost.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The contract's endpoints and error codes, against a host started in this JVM. */
class InvokeContractTest {
  private final ActionFunction function = new ActionFunction();
  private final TestHost host =
      TestHost.start(
          function,
          Map.of(
              "FATHOM_SDK_BASE_URL", "http://platform.local/",
              "FATHOM_SDK_SERVICE_PATH_ML", "/v1/ml",
              "FATHOM_SDK_AUTHORIZATION", "Bearer t",
              "NOT_SDK", "x"));

  @AfterEach
  void stop() {
    host.close();
  }

  @Test
  void health_and_ready_answerOkOnceStarted() {
    HttpResponse<String> health = host.get("/_/health");
    HttpResponse<String> ready = host.get("/_/ready");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json(health).toString()).isEqualTo("{\"status\":\"ok\"}");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(json(ready).toString()).isEqualTo("{\"status\":\"ready\"}");
    assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");
  }

  @Test
  void invoke_returnsTheOutputAndEchoesTheCallId() {
    HttpResponse<String> response =
        host.invoke("{\"action\":\"echo\",\"value\":{\"a\":[1,2]}}", "X-Fathom-Call-Id", "call-42");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).toString()).isEqualTo("{\"value\":{\"a\":[1,2]}}");
    assertThat(response.headers().firstValue("X-Fathom-Call-Id")).hasValue("call-42");
  }

  @Test
  void invoke_generatesACallIdWhenNoneIsSent() {
    HttpResponse<String> response = host.invoke("{\"action\":\"context\"}");

    String callId = response.headers().firstValue("X-Fathom-Call-Id").orElseThrow();
    assertThat(UUID.fromString(callId)).isNotNull();
    assertThat(json(response).get("callId").asText()).isEqualTo(callId);
  }

  @Test
  void invoke_givesTheDefaultTimeoutWithoutADeadlineHeader() {
    long before = System.currentTimeMillis();
    JsonNode context = json(host.invoke("{\"action\":\"context\"}"));

    assertThat(context.get("deadlineMs").asLong()).isBetween(before + 59_000, before + 61_000);
    assertThat(context.get("remainingMs").asLong()).isBetween(58_000L, 60_000L);
  }

  @Test
  void invoke_passesTheDeadlineHeaderToTheFunction() {
    long deadline = System.currentTimeMillis() + 30_000;
    JsonNode context =
        json(
            host.invoke(
                "{\"action\":\"context\"}", "X-Fathom-Deadline-Ms", Long.toString(deadline)));

    assertThat(context.get("deadlineMs").asLong()).isEqualTo(deadline);
  }

  @Test
  void invoke_answersFunctionErrorWithTheExceptionsMessage() {
    HttpResponse<String> response =
        host.invoke("{\"action\":\"fail\",\"message\":\"boom\"}", "X-Fathom-Call-Id", "c-fail");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(json(response).toString())
        .isEqualTo("{\"error\":{\"code\":\"function-error\",\"message\":\"boom\"}}");
    assertThat(response.headers().firstValue("X-Fathom-Call-Id")).hasValue("c-fail");
    assertThat(host.logLines())
        .anySatisfy(
            line -> {
              assertThat(line.get("level").asText()).isEqualTo("error");
              assertThat(line.get("callId").asText()).isEqualTo("c-fail");
              assertThat(line.get("message").asText()).contains("IllegalStateException: boom");
            });
  }

  @Test
  void invoke_refusesABodyThatIsNotJson() {
    for (String body : new String[] {"{not json", "", "{} trailing"}) {
      HttpResponse<String> response = host.invoke(body);

      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(json(response).at("/error/code").asText()).isEqualTo("invalid-json");
    }
    assertThat(function.calls).hasValue(0);
  }

  @Test
  void invoke_refusesABodyLargerThanTheDefaultLimitWith413() {
    byte[] body = new byte[7 * 1024 * 1024];
    java.util.Arrays.fill(body, (byte) ' ');

    HttpResponse<String> response = host.invoke(body);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("payload-too-large");
    assertThat(json(response).at("/error/message").asText()).contains("FATHOM_MAX_BODY_BYTES");
    assertThat(function.calls).hasValue(0);
  }

  @Test
  void invoke_exposesTheSdkVariablesAndEnvironment() {
    JsonNode output = json(host.invoke("{\"action\":\"env\"}"));

    assertThat(output.get("sdk").toString())
        .isEqualTo(
            "{\"FATHOM_SDK_AUTHORIZATION\":\"Bearer t\","
                + "\"FATHOM_SDK_BASE_URL\":\"http://platform.local/\","
                + "\"FATHOM_SDK_SERVICE_PATH_ML\":\"/v1/ml\"}");
    assertThat(output.get("port").asText()).isEqualTo("0");
  }

  @Test
  void contextLogger_writesJsonLinesWithTheCallId() {
    HttpResponse<String> response =
        host.invoke("{\"action\":\"log\",\"message\":\"hi there\"}", "X-Fathom-Call-Id", "c-log");

    assertThat(json(response).toString()).isEqualTo("{\"logged\":\"hi there\"}");
    assertThat(host.logLines())
        .filteredOn(line -> "c-log".equals(line.path("callId").asText()))
        .extracting(line -> line.get("level").asText() + " " + line.get("message").asText())
        .startsWith("info hi there", "warn warned", "error errored");
  }

  @Test
  void invoke_writesRecordsAndNullAsJson() {
    assertThat(json(host.invoke("{\"action\":\"record\"}")).toString())
        .isEqualTo("{\"x\":1,\"y\":2}");
    assertThat(host.invoke("{\"action\":\"null\"}").body()).isEqualTo("null");
  }

  @Test
  void invoke_reportsAnOutputThatIsNotJsonAsAFunctionError() {
    HttpResponse<String> response = host.invoke("{\"action\":\"not-json\"}");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(json(response).at("/error/message").asText())
        .startsWith("the function returned a java.lang.Object that cannot be written as JSON");
  }

  @Test
  void routes_answer404And405InTheErrorShape() {
    HttpResponse<String> missing = host.get("/nope");
    HttpResponse<String> getInvoke = host.get("/invoke");
    HttpResponse<String> postReady =
        host.send(host.request("/_/ready").POST(HttpRequest.BodyPublishers.noBody()).build());

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).at("/error/code").asText()).isEqualTo("not-found");
    assertThat(getInvoke.statusCode()).isEqualTo(405);
    assertThat(getInvoke.headers().firstValue("Allow")).hasValue("POST");
    assertThat(postReady.statusCode()).isEqualTo(405);
  }
}
