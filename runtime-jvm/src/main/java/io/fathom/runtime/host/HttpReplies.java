package io.fathom.runtime.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** Writes JSON responses, errors in the contract's shape {@code {"error":{code, message}}}. */
final class HttpReplies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpReplies() {}

  static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static void status(HttpExchange exchange, int status, String value) throws IOException {
    ObjectNode body = JSON.createObjectNode().put("status", value);
    json(exchange, status, body);
  }

  static void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("code", code).put("message", message);
    json(exchange, status, body);
  }

  static void methodNotAllowed(HttpExchange exchange, String allowed) throws IOException {
    exchange.getResponseHeaders().set("Allow", allowed);
    error(
        exchange,
        405,
        "method-not-allowed",
        exchange.getRequestMethod()
            + " is not allowed on "
            + exchange.getRequestURI().getPath()
            + "; use "
            + allowed);
  }
}
