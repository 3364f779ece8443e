package io.fathom.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLogTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final JsonLog log =
      new JsonLog(
          new PrintStream(bytes, true, StandardCharsets.UTF_8),
          Clock.fixed(Instant.parse("2026-11-23T04:00:00Z"), ZoneOffset.UTC));

  private List<String> lines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void forCall_writesTheContractRecordWithTheCallId() {
    log.forCall("call-1").info("hello");

    assertThat(lines())
        .containsExactly(
            "{\"ts\":\"2026-11-23T04:00:00.000Z\",\"level\":\"info\",\"callId\":\"call-1\","
                + "\"message\":\"hello\"}");
  }

  @Test
  void host_leavesTheCallIdOut() {
    log.host().warn("careful");

    assertThat(lines())
        .containsExactly(
            "{\"ts\":\"2026-11-23T04:00:00.000Z\",\"level\":\"warn\",\"message\":\"careful\"}");
  }

  @Test
  void write_keepsAMultiLineMessageOnOneLine() throws Exception {
    log.forCall("c").error("first\nsecond \"quoted\"");

    assertThat(lines()).hasSize(1);
    JsonNode record = new ObjectMapper().readTree(lines().get(0));
    assertThat(record.get("level").asText()).isEqualTo("error");
    assertThat(record.get("message").asText()).isEqualTo("first\nsecond \"quoted\"");
  }
}
