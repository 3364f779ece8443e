package io.fathom.runtime.model.v2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.fathom.runtime.model.infer.InferenceException;
import io.fathom.runtime.model.infer.ModelState;
import io.fathom.runtime.model.infer.ServedModel;
import io.fathom.runtime.model.onnx.ExecutionDevice;
import io.fathom.runtime.model.tensor.BinaryTensors;
import io.fathom.runtime.model.tensor.JsonTensors;
import io.fathom.runtime.model.tensor.Tensor;
import io.fathom.runtime.sdk.Logger;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The KServe/Triton V2 inference protocol over HTTP: {@code GET /v2}, {@code /v2/health/live},
 * {@code /v2/health/ready}, {@code /v2/models/{name}[/versions/{v}]}, {@code …/ready}, {@code
 * …/stats}, {@code POST …/infer}. Errors are {@code {"error": "…"}}: 400 bad request, 404 unknown
 * model or route, 503 not ready.
 */
public final class V2Routes implements HttpHandler {
  private static final Pattern MODEL =
      Pattern.compile("/v2/models/([^/]+)(?:/versions/[^/]+)?(/ready|/infer|/stats)?");

  private final Supplier<ServedModel> model;
  private final ExecutionDevice asked;
  private final long maxBodyBytes;
  private final Logger log;

  public V2Routes(
      Supplier<ServedModel> model, ExecutionDevice asked, long maxBodyBytes, Logger log) {
    this.model = model;
    this.asked = asked;
    this.maxBodyBytes = maxBodyBytes;
    this.log = log;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      route(exchange);
    } catch (InferenceException e) {
      V2Replies.error(exchange, e.kind().status(), e.getMessage());
    } catch (RuntimeException e) {
      log.error("internal error on " + exchange.getRequestURI().getPath() + ": " + e);
      try {
        V2Replies.error(exchange, 500, "the model server failed; see its log");
      } catch (IOException | RuntimeException ignored) {
        // The response had started: the client sees a broken response.
      }
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    ServedModel served = model.get();
    switch (path) {
      case "/v2" -> {
        if (get(exchange)) {
          V2Replies.json(exchange, 200, V2Metadata.server(served, asked));
        }
      }
      case "/v2/health/live" -> {
        if (get(exchange)) {
          V2Replies.json(exchange, 200, V2Replies.JSON.createObjectNode().put("live", true));
        }
      }
      case "/v2/health/ready" -> {
        if (get(exchange)) {
          ready(exchange, served);
        }
      }
      case "/v2/models/stats" -> {
        if (get(exchange)) {
          V2Replies.json(exchange, 200, V2Metadata.stats(served));
        }
      }
      default -> modelRoute(exchange, path, served);
    }
  }

  private void modelRoute(HttpExchange exchange, String path, ServedModel served)
      throws IOException {
    Matcher m = MODEL.matcher(path);
    if (!m.matches()) {
      V2Replies.error(
          exchange,
          404,
          "no route for "
              + path
              + "; the server serves /v2, /v2/health/{live,ready} and /v2/models/"
              + served.name()
              + "[/ready|/infer|/stats]");
      return;
    }
    String name = m.group(1);
    if (!name.equals(served.name())) {
      V2Replies.error(
          exchange,
          404,
          "unknown model '" + name + "'; this server serves the model '" + served.name() + "'");
      return;
    }
    String action = m.group(2) == null ? "" : m.group(2);
    switch (action) {
      case "" -> {
        if (get(exchange)) {
          if (served.signature().isEmpty()) {
            V2Replies.error(
                exchange,
                503,
                "model '" + served.name() + "' is not loaded yet (" + served.state().label() + ")");
          } else {
            V2Replies.json(exchange, 200, V2Metadata.model(served));
          }
        }
      }
      case "/ready" -> {
        if (get(exchange)) {
          ready(exchange, served);
        }
      }
      case "/stats" -> {
        if (get(exchange)) {
          V2Replies.json(exchange, 200, V2Metadata.stats(served));
        }
      }
      case "/infer" -> infer(exchange, served);
      default -> throw new IllegalStateException("unreachable: " + action);
    }
  }

  private static void ready(HttpExchange exchange, ServedModel served) throws IOException {
    ObjectNode body = V2Replies.JSON.createObjectNode();
    boolean ready = served.state() == ModelState.READY;
    body.put("ready", ready).put("state", served.state().label());
    V2Replies.json(exchange, ready ? 200 : 503, body);
  }

  private void infer(HttpExchange exchange, ServedModel served) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      V2Replies.error(exchange, 405, "use POST on " + exchange.getRequestURI().getPath());
      return;
    }
    if (served.state() != ModelState.READY) {
      throw new InferenceException(
          InferenceException.Kind.NOT_READY,
          "model '" + served.name() + "' is not ready (" + served.state().label() + ")");
    }
    V2Request request = V2Request.parse(body(exchange), headerLength(exchange));
    List<String> names = request.outputs().stream().map(V2Request.RequestedOutput::name).toList();
    Map<String, Tensor> results = served.infer(request.inputs(), names);
    ObjectNode response = V2Replies.JSON.createObjectNode();
    response.put("model_name", served.name()).put("model_version", "1");
    request.id().ifPresent(id -> response.put("id", id));
    request.parameters().ifPresent(p -> response.set("parameters", p));
    ArrayNode outputs = response.putArray("outputs");
    List<byte[]> binary = new ArrayList<>();
    for (Tensor t : results.values()) {
      ObjectNode out = outputs.addObject();
      out.put("name", t.name()).put("datatype", t.datatype().name());
      ArrayNode shape = out.putArray("shape");
      for (long d : t.shape()) {
        shape.add(d);
      }
      if (request.binary(t.name())) {
        byte[] bytes = BinaryTensors.encode(t);
        out.putObject("parameters").put("binary_data_size", bytes.length);
        binary.add(bytes);
      } else {
        out.set("data", JsonTensors.encode(t));
      }
    }
    if (binary.isEmpty()) {
      V2Replies.json(exchange, 200, response);
    } else {
      V2Replies.binary(
          exchange, V2Replies.JSON.writeValueAsBytes(response), binary.toArray(new byte[0][]));
    }
  }

  private byte[] body(HttpExchange exchange) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > maxBodyBytes) {
          throw tooLarge();
        }
      } catch (NumberFormatException ignored) {
        // The server answers a malformed length itself.
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
      if (body.length > maxBodyBytes) {
        throw tooLarge();
      }
      return body;
    }
  }

  private InferenceException tooLarge() {
    return InferenceException.badRequest(
        "the request body is larger than " + maxBodyBytes + " bytes (FATHOM_MAX_BODY_BYTES)");
  }

  private static Optional<Integer> headerLength(HttpExchange exchange) {
    String value = exchange.getRequestHeaders().getFirst(V2Replies.HEADER_LENGTH);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      throw InferenceException.badRequest(
          V2Replies.HEADER_LENGTH + " is '" + value + "', not a byte count");
    }
  }

  private static boolean get(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if ("GET".equals(method) || "HEAD".equals(method)) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", "GET");
    V2Replies.error(exchange, 405, "use GET on " + exchange.getRequestURI().getPath());
    return false;
  }
}
