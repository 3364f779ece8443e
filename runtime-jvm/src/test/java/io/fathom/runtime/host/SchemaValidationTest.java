package io.fathom.runtime.host;

import static io.fathom.runtime.host.TestHost.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaValidationTest {
  @TempDir Path dir;
  private final ActionFunction function = new ActionFunction();
  private TestHost host;

  @BeforeEach
  void start() throws IOException {
    Path input = dir.resolve("input.json");
    Path output = dir.resolve("output.json");
    Files.writeString(
        input,
        """
        {"type": "object", "required": ["action"],
         "properties": {"action": {"type": "string"}, "ms": {"type": "integer", "maximum": 100}}}
        """);
    Files.writeString(output, "{\"type\": \"object\", \"properties\": {\"unexpected\": false}}");
    host =
        TestHost.start(
            function,
            Map.of(
                "FATHOM_INPUT_SCHEMA_FILE", input.toString(),
                "FATHOM_OUTPUT_SCHEMA_FILE", output.toString()));
  }

  @AfterEach
  void stop() {
    host.close();
  }

  @Test
  void input_thatFailsTheSchemaGets422AndTheFunctionIsNotCalled() {
    HttpResponse<String> missing = host.invoke("{\"value\":1}");
    HttpResponse<String> tooBig = host.invoke("{\"action\":\"sleep\",\"ms\":500}");

    assertThat(missing.statusCode()).isEqualTo(422);
    assertThat(json(missing).at("/error/code").asText()).isEqualTo("input-schema-violation");
    assertThat(json(missing).at("/error/message").asText()).contains("action");
    assertThat(tooBig.statusCode()).isEqualTo(422);
    assertThat(json(tooBig).at("/error/message").asText()).contains("100");
    assertThat(function.calls).hasValue(0);
  }

  @Test
  void output_thatFailsTheSchemaGets500OutputSchemaViolation() {
    HttpResponse<String> response = host.invoke("{\"action\":\"bad-output\"}");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("output-schema-violation");
    assertThat(function.calls).hasValue(1);
  }

  @Test
  void valid_inputAndOutputPass() {
    HttpResponse<String> response = host.invoke("{\"action\":\"echo\",\"value\":\"v\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"value\":\"v\"}");
  }
}
