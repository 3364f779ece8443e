package io.fathom.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The binary tensor extension, with requests built byte by byte as Triton's clients build them: a
 * JSON header whose length is in {@code Inference-Header-Content-Length}, then each input's raw
 * little-endian bytes in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BinaryExtensionTest {
  TestServer iris;

  @BeforeAll
  void start() {
    iris = TestServer.load("iris");
  }

  @AfterAll
  void stop() {
    iris.close();
  }

  static byte[] floats(float... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  @Test
  void binaryInput_binaryOutput_roundTrip() {
    byte[] tensor = floats(5.1f, 3.5f, 1.4f, 0.2f, 6.7f, 3.0f, 5.2f, 2.3f);
    byte[] header =
        ("{\"id\":\"b1\",\"inputs\":[{\"name\":\"float_input\",\"shape\":[2,4],\"datatype\":"
                + "\"FP32\",\"parameters\":{\"binary_data_size\":"
                + tensor.length
                + "}}],\"outputs\":[{\"name\":\"label\",\"parameters\":{\"binary_data\":true}}]}")
            .getBytes(StandardCharsets.UTF_8);
    V2Client.Reply reply = iris.client.postBinary("/v2/models/default/infer", header, tensor);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.raw().headers().firstValue("Content-Type"))
        .contains("application/octet-stream");
    JsonNode json = reply.json();
    assertThat(json.get("id").asText()).isEqualTo("b1");
    JsonNode label = json.at("/outputs/0");
    assertThat(label.has("data")).isFalse();
    assertThat(label.at("/parameters/binary_data_size").asInt()).isEqualTo(16);
    ByteBuffer out = ByteBuffer.wrap(reply.binary()).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(reply.binary()).hasSize(16);
    assertThat(out.getLong()).isEqualTo(0);
    assertThat(out.getLong()).isEqualTo(2);
  }

  @Test
  void binaryInput_jsonOutput_whenNotAsked() {
    byte[] tensor = floats(6.7f, 3.0f, 5.2f, 2.3f);
    byte[] header =
        ("{\"inputs\":[{\"name\":\"float_input\",\"shape\":[1,4],\"datatype\":\"FP32\","
                + "\"parameters\":{\"binary_data_size\":16}}]}")
            .getBytes(StandardCharsets.UTF_8);
    V2Client.Reply reply = iris.client.postBinary("/v2/models/default/infer", header, tensor);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.raw().headers().firstValue("Inference-Header-Content-Length")).isEmpty();
    assertThat(reply.json().at("/outputs/0/data").toString()).isEqualTo("[2]");
  }

  @Test
  void binaryDataOutput_requestParameter_makesEveryOutputBinary() {
    String body =
        "{\"parameters\":{\"binary_data_output\":true},\"inputs\":[{\"name\":\"float_input\","
            + "\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[5.1,3.5,1.4,0.2]}]}";
    V2Client.Reply reply = iris.client.post("/v2/models/default/infer", body);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().at("/outputs/0/parameters/binary_data_size").asInt()).isEqualTo(8);
    assertThat(ByteBuffer.wrap(reply.binary()).order(ByteOrder.LITTLE_ENDIAN).getLong())
        .isEqualTo(0);
  }

  @Test
  void binarySizeThatDoesNotMatchTheShape_isABadRequest() {
    byte[] tensor = floats(1f, 2f, 3f, 4f);
    byte[] header =
        ("{\"inputs\":[{\"name\":\"float_input\",\"shape\":[2,4],\"datatype\":\"FP32\","
                + "\"parameters\":{\"binary_data_size\":16}}]}")
            .getBytes(StandardCharsets.UTF_8);
    V2Client.Reply reply = iris.client.postBinary("/v2/models/default/infer", header, tensor);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.error()).contains("32 bytes").contains("binary_data_size is 16");
  }

  @Test
  void binaryDataThatRunsShortOrLong_isABadRequest() {
    byte[] header =
        ("{\"inputs\":[{\"name\":\"float_input\",\"shape\":[1,4],\"datatype\":\"FP32\","
                + "\"parameters\":{\"binary_data_size\":16}}]}")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(iris.client.postBinary("/v2/models/default/infer", header, floats(1f, 2f)).error())
        .contains("only 8 bytes of binary data remain");
    assertThat(
            iris.client
                .postBinary("/v2/models/default/infer", header, floats(1f, 2f, 3f, 4f, 5f))
                .error())
        .contains("4 bytes of binary data follow");
  }

  @Test
  void binaryBytesTensor_lengthPrefixedElements() {
    try (TestServer strings = TestServer.load("strings")) {
      ByteBuffer data = ByteBuffer.allocate(4 + 2 + 4 + 3).order(ByteOrder.LITTLE_ENDIAN);
      data.putInt(2).put("hi".getBytes(StandardCharsets.UTF_8));
      data.putInt(3).put("you".getBytes(StandardCharsets.UTF_8));
      byte[] header =
          ("{\"inputs\":[{\"name\":\"text\",\"shape\":[2],\"datatype\":\"BYTES\","
                  + "\"parameters\":{\"binary_data_size\":13}}],"
                  + "\"outputs\":[{\"name\":\"same\",\"parameters\":{\"binary_data\":true}}]}")
              .getBytes(StandardCharsets.UTF_8);
      V2Client.Reply reply =
          strings.client.postBinary("/v2/models/default/infer", header, data.array());
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.binary()).isEqualTo(data.array());
    }
  }
}
