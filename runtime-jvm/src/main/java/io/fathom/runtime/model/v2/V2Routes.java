package io.fathom.runtime.model.v2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fathom.runtime.model.infer.InferenceException;
import io.fathom.runtime.model.infer.ModelState;
import io.fathom.runtime.model.infer.ServedModel;
import io.fathom.runtime.model.onnx.ExecutionDevice;
import io.fathom.runtime.model.tensor.BinaryTensors;
import io.fathom.runtime.model.tensor.JsonTensors;
import io.fathom.runtime.model.tensor.Tensor;
import io.fathom.runtime.sdk.Logger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The KServe/Triton V2 inference protocol: {@code GET /v2}, {@code /v2/health/live}, {@code
 * /v2/health/ready}, {@code /v2/models/{name}[/versions/{v}]}, {@code …/ready}, {@code …/stats},
 * {@code POST …/infer}. Errors are {@code {"error": "…"}}: 400 bad request, 404 unknown model or
 * route, 405 wrong method, 503 not ready.
 *
 * <p>Threads: {@link #handle} runs on the HTTP server's thread for the connection. Everything but
 * the model run happens on that thread: metadata, health, parsing and checking an inference
 * request, and encoding its reply. Only the model runs elsewhere, on {@code inference} (or the
 * model's batcher), so a slow model never holds up health checks or other connections' parsing.
 */
public final class V2Routes implements V2Handler {
  private static final Pattern MODEL =
      Pattern.compile("/v2/models/([^/]+)(?:/versions/[^/]+)?(/ready|/infer|/stats)?");

  private final Supplier<ServedModel> model;
  private final ExecutionDevice asked;
  private final Executor inference;
  private final Logger log;

  public V2Routes(
      Supplier<ServedModel> model, ExecutionDevice asked, Executor inference, Logger log) {
    this.model = model;
    this.asked = asked;
    this.inference = inference;
    this.log = log;
  }

  /**
   * Answers {@code request}; the future completes with a reply, never with an exception. An
   * inference's reply is made on {@code replies} (the connection's thread).
   */
  @Override
  public CompletableFuture<V2Reply> handle(V2HttpRequest request, Executor replies) {
    try {
      return route(request, replies).exceptionally(e -> failure(request, e));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(failure(request, e));
    }
  }

  private V2Reply failure(V2HttpRequest request, Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof InferenceException inference) {
      return V2Replies.error(inference.kind().status(), inference.getMessage());
    }
    log.error("internal error on " + request.path() + ": " + cause);
    return V2Replies.error(500, "the model server failed; see its log");
  }

  private CompletableFuture<V2Reply> route(V2HttpRequest request, Executor replies) {
    String path = request.path();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    ServedModel served = model.get();
    return switch (path) {
      case "/v2" -> now(get(request, () -> V2Replies.json(200, V2Metadata.server(served, asked))));
      case "/v2/health/live" ->
          now(
              get(
                  request,
                  () -> V2Replies.json(200, V2Replies.JSON.createObjectNode().put("live", true))));
      case "/v2/health/ready" -> now(get(request, () -> ready(served)));
      case "/v2/models/stats" ->
          now(get(request, () -> V2Replies.json(200, V2Metadata.stats(served))));
      default -> modelRoute(request, path, served, replies);
    };
  }

  private CompletableFuture<V2Reply> modelRoute(
      V2HttpRequest request, String path, ServedModel served, Executor replies) {
    Matcher m = MODEL.matcher(path);
    if (!m.matches()) {
      return now(
          V2Replies.error(
              404,
              "no route for "
                  + path
                  + "; the server serves /v2, /v2/health/{live,ready} and /v2/models/"
                  + served.name()
                  + "[/ready|/infer|/stats]"));
    }
    String name = m.group(1);
    if (!name.equals(served.name())) {
      return now(
          V2Replies.error(
              404,
              "unknown model '"
                  + name
                  + "'; this server serves the model '"
                  + served.name()
                  + "'"));
    }
    String action = m.group(2) == null ? "" : m.group(2);
    return switch (action) {
      case "" -> now(get(request, () -> metadata(served)));
      case "/ready" -> now(get(request, () -> ready(served)));
      case "/stats" -> now(get(request, () -> V2Replies.json(200, V2Metadata.stats(served))));
      case "/infer" -> infer(request, served, replies);
      default -> throw new IllegalStateException("unreachable: " + action);
    };
  }

  private static V2Reply metadata(ServedModel served) {
    if (served.signature().isEmpty()) {
      return V2Replies.error(
          503, "model '" + served.name() + "' is not loaded yet (" + served.state().label() + ")");
    }
    return V2Replies.json(200, V2Metadata.model(served));
  }

  private static V2Reply ready(ServedModel served) {
    ObjectNode body = V2Replies.JSON.createObjectNode();
    boolean ready = served.state() == ModelState.READY;
    body.put("ready", ready).put("state", served.state().label());
    return V2Replies.json(ready ? 200 : 503, body);
  }

  private CompletableFuture<V2Reply> infer(
      V2HttpRequest http, ServedModel served, Executor replies) {
    if (!"POST".equals(http.method())) {
      return now(V2Replies.methodNotAllowed("POST", http.path()));
    }
    if (served.state() != ModelState.READY) {
      throw new InferenceException(
          InferenceException.Kind.NOT_READY,
          "model '" + served.name() + "' is not ready (" + served.state().label() + ")");
    }
    V2Request request = V2Request.parse(http.body(), headerLength(http));
    List<String> names = request.outputs().stream().map(V2Request.RequestedOutput::name).toList();
    CompletableFuture<Map<String, Tensor>> results =
        served.infer(request.inputs(), names, inference);
    // A quick model ran on this thread already: reply here and now, without a trip through the
    // executor's queue.
    return results.isDone()
        ? results.thenApply(r -> reply(request, served, r))
        : results.thenApplyAsync(r -> reply(request, served, r), replies);
  }

  private static V2Reply reply(V2Request request, ServedModel served, Map<String, Tensor> results) {
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
    return binary.isEmpty()
        ? V2Replies.json(200, response)
        : V2Replies.binary(response, binary.toArray(new byte[0][]));
  }

  private static Optional<Integer> headerLength(V2HttpRequest request) {
    String value = request.header().apply(V2Replies.HEADER_LENGTH);
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

  /** The reply of {@code answer} for GET and HEAD; a 405 for other methods. */
  private static V2Reply get(V2HttpRequest request, Supplier<V2Reply> answer) {
    String method = request.method();
    if ("GET".equals(method) || "HEAD".equals(method)) {
      return answer.get();
    }
    return V2Replies.methodNotAllowed("GET", request.path());
  }

  private static CompletableFuture<V2Reply> now(V2Reply reply) {
    return CompletableFuture.completedFuture(reply);
  }
}
