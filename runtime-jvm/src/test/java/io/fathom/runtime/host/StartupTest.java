package io.fathom.runtime.host;

import static io.fathom.runtime.host.TestHost.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.runtime.sdk.Context;
import io.fathom.runtime.sdk.Function;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up: readiness before and after init, and every start-up error exits 1 with one line. */
class StartupTest {
  @TempDir Path dir;

  /** A function whose init fails. */
  public static class InitFails implements Function {
    @Override
    public void init(Context context) {
      throw new IllegalStateException("model file missing");
    }

    @Override
    public Object handle(JsonNode input, Context context) {
      return input;
    }
  }

  /** A function that records what init saw. */
  public static class InitRecords implements Function {
    Context seen;

    @Override
    public void init(Context context) {
      seen = context;
    }

    @Override
    public Object handle(JsonNode input, Context context) {
      return input;
    }
  }

  private String startError(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "0");
    env.put("FATHOM_FUNCTION_CLASS", InitRecords.class.getName());
    env.putAll(overrides);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    JsonLog log = new JsonLog(new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC());
    int status = Main.run(env, log, new PrintStream(err, true, StandardCharsets.UTF_8), s -> {});
    assertThat(status).isEqualTo(1);
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void beforeInit_readyIs503StartingAndCallsAreRefused() {
    InitRecords function = new InitRecords();
    try (TestHost host = TestHost.starting(function, Map.of("FATHOM_SDK_PROJECT_ID", "p1"))) {
      HttpResponse ready = new HttpResponse(host.get("/_/ready"));
      HttpResponse call = new HttpResponse(host.invoke("{}"));

      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.body().toString()).isEqualTo("{\"status\":\"starting\"}");
      assertThat(call.status()).isEqualTo(503);
      assertThat(host.get("/_/health").statusCode()).isEqualTo(200);

      host.host.init();

      assertThat(host.get("/_/ready").statusCode()).isEqualTo(200);
      assertThat(function.seen.callId()).isNull();
      assertThat(function.seen.remainingMs()).isEqualTo(Long.MAX_VALUE);
      assertThat(function.seen.sdk()).containsEntry("FATHOM_SDK_PROJECT_ID", "p1");
    }
  }

  @Test
  void missingPort_isAStartupErrorNamingPort() {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "");
    assertThat(startError(env)).startsWith("fathom-host: PORT is not set").endsWith("\n");
  }

  @Test
  void missingClass_isAStartupError() {
    assertThat(startError(Map.of("FATHOM_FUNCTION_CLASS", "com.example.Nope")))
        .startsWith("fathom-host: function class com.example.Nope")
        .contains("not on the classpath");
  }

  @Test
  void classThatIsNotAFunction_isAStartupError() {
    assertThat(startError(Map.of("FATHOM_FUNCTION_CLASS", "java.lang.Object")))
        .isEqualTo(
            "fathom-host: function class java.lang.Object does not implement"
                + " io.fathom.runtime.sdk.Function\n");
  }

  @Test
  void failingInit_isAStartupError() {
    assertThat(startError(Map.of("FATHOM_FUNCTION_CLASS", InitFails.class.getName())))
        .isEqualTo(
            "fathom-host: init of " + InitFails.class.getName() + " failed: model file missing\n");
  }

  @Test
  void unreadableOrInvalidSchema_isAStartupErrorNamingTheVariable() throws Exception {
    Path notJson = Files.writeString(dir.resolve("bad.json"), "{nope");
    Path notSchema = Files.writeString(dir.resolve("array.json"), "[1]");

    assertThat(
            startError(Map.of("FATHOM_INPUT_SCHEMA_FILE", dir.resolve("missing.json").toString())))
        .startsWith("fathom-host: FATHOM_INPUT_SCHEMA_FILE names ")
        .contains("cannot be read");
    assertThat(startError(Map.of("FATHOM_OUTPUT_SCHEMA_FILE", notJson.toString())))
        .startsWith("fathom-host: FATHOM_OUTPUT_SCHEMA_FILE names ");
    assertThat(startError(Map.of("FATHOM_OUTPUT_SCHEMA_FILE", notSchema.toString())))
        .contains("is not a JSON Schema");
  }

  /** A response's status and parsed body. */
  private record HttpResponse(int status, JsonNode body) {
    HttpResponse(java.net.http.HttpResponse<String> response) {
      this(response.statusCode(), json(response));
    }
  }
}
