package io.fathom.runtime.model.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** Writes V2 responses: JSON bodies, errors as {@code {"error": "…"}}, binary-extension bodies. */
final class V2Replies {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String HEADER_LENGTH = "Inference-Header-Content-Length";

  private V2Replies() {}

  static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
    send(exchange, status, "application/json", JSON.writeValueAsBytes(body), null);
  }

  static void error(HttpExchange exchange, int status, String message) throws IOException {
    json(exchange, status, JSON.createObjectNode().put("error", message));
  }

  /** The JSON header, then the binary outputs; the header's length in {@value #HEADER_LENGTH}. */
  static void binary(HttpExchange exchange, byte[] header, byte[][] outputs) throws IOException {
    exchange.getResponseHeaders().set(HEADER_LENGTH, Integer.toString(header.length));
    send(exchange, 200, "application/octet-stream", header, outputs);
  }

  private static void send(
      HttpExchange exchange, int status, String type, byte[] body, byte[][] more)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    long length = body.length;
    if (more != null) {
      for (byte[] b : more) {
        length += b.length;
      }
    }
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
      if (more != null) {
        for (byte[] b : more) {
          out.write(b);
        }
      }
    }
  }
}
