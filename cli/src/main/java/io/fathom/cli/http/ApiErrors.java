package io.fathom.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/** Turns an error answer into an {@link ApiException}, from its body when it has the API shape. */
final class ApiErrors {
  private static final int SNIPPET = 200;

  private ApiErrors() {}

  static ApiException from(int status, byte[] body, HttpRequest request) {
    JsonNode error = parse(body).path("error");
    if (error.isTextual() && !error.asText().isBlank()) {
      // a model server's V2 error, {"error": "…"}, passed through by the platform unchanged
      return new ApiException(status, codeFor(status), error.asText());
    }
    String code = error.path("code").asText("");
    String message = error.path("message").asText("");
    if (!code.isEmpty() || !message.isEmpty()) {
      return new ApiException(
          status,
          code.isEmpty() ? codeFor(status) : code,
          message.isEmpty() ? "HTTP " + status : message);
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.length() > SNIPPET) {
      text = text.substring(0, SNIPPET) + "...";
    }
    String where = request.method() + " " + request.uri().getPath();
    return new ApiException(
        status,
        codeFor(status),
        "HTTP " + status + " from " + where + (text.isEmpty() ? "" : ": " + text));
  }

  private static JsonNode parse(byte[] body) {
    try {
      JsonNode node = Json.MAPPER.readTree(body);
      return node == null ? Json.object() : node;
    } catch (IOException e) {
      return Json.object();
    }
  }

  static String codeFor(int status) {
    return switch (status) {
      case 400 -> "bad-request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 409 -> "conflict";
      case 503 -> "unavailable";
      case 413 -> "payload-too-large";
      case 422 -> "unprocessable";
      default -> "http-" + status;
    };
  }
}
