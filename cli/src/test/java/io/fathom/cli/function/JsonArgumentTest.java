package io.fathom.cli.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonArgumentTest {
  @TempDir Path tmp;

  @Test
  void parse_inlineJson() {
    JsonNode node = JsonArgument.parse("{\"type\":\"object\"}", tmp);

    assertThat(node.path("type").asText()).isEqualTo("object");
  }

  @Test
  void parse_atFile_readsTheFileRelativeToTheWorkingDir() throws Exception {
    Files.writeString(tmp.resolve("schema.json"), "{\"type\": \"string\"}");

    assertThat(JsonArgument.parse("@schema.json", tmp).path("type").asText()).isEqualTo("string");
  }

  @Test
  void parse_atMissingFile_namesTheFile() {
    assertThatThrownBy(() -> JsonArgument.parse("@nope.json", tmp))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no such file: " + tmp.resolve("nope.json"));
  }

  @Test
  void parse_invalidJson_isRejected() {
    assertThatThrownBy(() -> JsonArgument.parse("{type: object", tmp))
        .hasMessageStartingWith("the value is not valid JSON:");
  }

  @Test
  void parse_invalidJsonInFile_namesTheFile() throws Exception {
    Files.writeString(tmp.resolve("bad.json"), "[1,");

    assertThatThrownBy(() -> JsonArgument.parse("@bad.json", tmp))
        .hasMessageStartingWith("file " + tmp.resolve("bad.json") + " is not valid JSON:");
  }

  @Test
  void parse_empty_isRejected() {
    assertThatThrownBy(() -> JsonArgument.parse("  ", tmp)).hasMessageContaining("is empty");
  }
}
