package io.fathom.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every datatype round trips through an Identity model as JSON; BYTES through a string model. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatatypesTest {
  TestServer types;

  @BeforeAll
  void start() {
    types = TestServer.load("types");
  }

  @AfterAll
  void stop() {
    types.close();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "bool  | BOOL  | [true,false,true]",
        "uint8 | UINT8 | [0,128,255]",
        "int8  | INT8  | [-128,0,127]",
        "int16 | INT16 | [-32768,7,32767]",
        "int32 | INT32 | [-2147483648,0,2147483647]",
        "int64 | INT64 | [-9223372036854775808,1,9223372036854775807]",
        "fp16  | FP16  | [0.5,-2.0,65504.0]",
        "fp32  | FP32  | [1.5,-0.25,3.0E38]",
        "fp64  | FP64  | [1.0E-300,-2.5,1.7976931348623157E308]",
      })
  void identity_roundTripsEveryDatatype(String suffix, String datatype, String data) {
    // Only the input under test carries values; the other inputs get one zero row each.
    StringBuilder inputs = new StringBuilder("[");
    String[][] all = {
      {"bool", "BOOL", "[false,false,false]"},
      {"uint8", "UINT8", "[0,0,0]"},
      {"int8", "INT8", "[0,0,0]"},
      {"int16", "INT16", "[0,0,0]"},
      {"int32", "INT32", "[0,0,0]"},
      {"int64", "INT64", "[0,0,0]"},
      {"fp16", "FP16", "[0,0,0]"},
      {"fp32", "FP32", "[0,0,0]"},
      {"fp64", "FP64", "[0,0,0]"},
    };
    for (String[] t : all) {
      String values = t[0].equals(suffix) ? data : t[2];
      if (inputs.length() > 1) {
        inputs.append(',');
      }
      inputs.append(
          "{\"name\":\"in_"
              + t[0]
              + "\",\"shape\":[1,3],\"datatype\":\""
              + t[1]
              + "\",\"data\":"
              + values
              + "}");
    }
    String body = "{\"inputs\":" + inputs + "],\"outputs\":[{\"name\":\"out_" + suffix + "\"}]}";
    V2Client.Reply reply = types.client.post("/v2/models/default/infer", body);
    assertThat(reply.status()).as(reply.raw().toString()).isEqualTo(200);
    JsonNode out = reply.json().at("/outputs/0");
    assertThat(out.get("datatype").asText()).isEqualTo(datatype);
    assertThat(out.get("shape").toString()).isEqualTo("[1,3]");
    assertThat(out.get("data").toString()).isEqualTo(data);
  }

  @Test
  void outOfRangeInteger_isABadRequest() {
    String body =
        "{\"inputs\":[{\"name\":\"in_uint8\",\"shape\":[1,3],\"datatype\":\"UINT8\","
            + "\"data\":[0,1,256]}]}";
    V2Client.Reply reply = types.client.post("/v2/models/default/infer", body);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.error()).contains("256 is out of range for UINT8");
  }

  @Test
  void metadataFromTheGraph_listsEveryDatatype() {
    JsonNode meta = types.client.get("/v2/models/default").json();
    assertThat(meta.get("inputs").findValuesAsText("datatype"))
        .containsExactly(
            "BOOL", "UINT8", "INT8", "INT16", "INT32", "INT64", "FP16", "FP32", "FP64");
  }

  @Test
  void bytes_stringTensorsRoundTrip() {
    try (TestServer strings = TestServer.load("strings")) {
      String body =
          "{\"inputs\":[{\"name\":\"text\",\"shape\":[3],\"datatype\":\"BYTES\","
              + "\"data\":[\"hello\",\"\",\"grüße ✓\"]}]}";
      V2Client.Reply reply = strings.client.post("/v2/models/default/infer", body);
      assertThat(reply.status()).isEqualTo(200);
      JsonNode out = reply.json().at("/outputs/0");
      assertThat(out.get("datatype").asText()).isEqualTo("BYTES");
      assertThat(out.get("data").toString()).isEqualTo("[\"hello\",\"\",\"grüße ✓\"]");
      assertThat(strings.server.model().warmupSource()).contains("input-example");
    }
  }
}
