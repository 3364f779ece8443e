package com.example.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fathom.runtime.sdk.Context;
import io.fathom.runtime.sdk.Logger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandlerTest {

  /** A context for calling the handler in a test: fixed call id and settings, lines collected. */
  record TestContext(String callId, Map<String, String> sdk, List<String> lines)
      implements Context {
    TestContext(String callId, Map<String, String> sdk) {
      this(callId, sdk, new ArrayList<>());
    }

    @Override
    public long deadlineMs() {
      return System.currentTimeMillis() + 60_000;
    }

    @Override
    public long remainingMs() {
      return 60_000;
    }

    @Override
    public Logger logger() {
      return new Logger() {
        @Override
        public void info(String message) {
          lines.add("info " + message);
        }

        @Override
        public void warn(String message) {
          lines.add("warn " + message);
        }

        @Override
        public void error(String message) {
          lines.add("error " + message);
        }
      };
    }

    @Override
    public Map<String, String> env() {
      return sdk;
    }
  }

  @Test
  void greetsByNameAndBuildsTheMlServiceUrl() throws Exception {
    TestContext context =
        new TestContext(
            "call-1",
            Map.of(
                "FATHOM_SDK_BASE_URL", "https://platform.example/",
                "FATHOM_SDK_SERVICE_PATH_ML", "/v1/ml"));

    Object output =
        new Handler().handle(new ObjectMapper().readTree("{\"name\":\"Ada\"}"), context);

    assertEquals(
        new Handler.Output("Hello, Ada!", "https://platform.example/v1/ml/openapi", "call-1"),
        output);
    assertEquals(
        List.of("info the ML service's API is described at https://platform.example/v1/ml/openapi"),
        context.lines());
  }

  @Test
  void leavesTheMlServiceUrlOutWhenThePlatformSettingsAreMissing() {
    TestContext context = new TestContext("call-2", Map.of());

    Handler.Output output = new Handler().apply(new Handler.Input("Grace"), context);

    assertEquals("Hello, Grace!", output.greeting());
    assertNull(output.mlServiceUrl());
  }
}
