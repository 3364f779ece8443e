package io.fathom.runtime.model.v2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Map;

/** Makes V2 answers: JSON bodies, errors as {@code {"error": "…"}}, binary-extension bodies. */
public final class V2Replies {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String HEADER_LENGTH = "Inference-Header-Content-Length";

  private V2Replies() {}

  public static V2Reply json(int status, JsonNode body) {
    return json(status, body, Map.of());
  }

  static V2Reply json(int status, JsonNode body, Map<String, String> headers) {
    return new V2Reply(status, "application/json", headers, bytes(body));
  }

  public static V2Reply error(int status, String message) {
    return json(status, JSON.createObjectNode().put("error", message));
  }

  /** A 405 that names the method to use ({@code Allow}). */
  static V2Reply methodNotAllowed(String allowed, String path) {
    return json(
        405,
        JSON.createObjectNode().put("error", "use " + allowed + " on " + path),
        Map.of("Allow", allowed));
  }

  /** The JSON header, then the binary outputs; the header's length in {@value #HEADER_LENGTH}. */
  static V2Reply binary(JsonNode header, byte[][] outputs) {
    byte[] json = bytes(header);
    byte[][] body = new byte[outputs.length + 1][];
    body[0] = json;
    System.arraycopy(outputs, 0, body, 1, outputs.length);
    return new V2Reply(
        200,
        "application/octet-stream",
        Map.of(HEADER_LENGTH, Integer.toString(json.length)),
        body);
  }

  private static byte[] bytes(JsonNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
