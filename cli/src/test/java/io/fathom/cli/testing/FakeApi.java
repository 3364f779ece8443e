package io.fathom.cli.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted stand-in for the control plane on a loopback port: answers by method and path, and
 * records every request for assertions.
 */
public final class FakeApi implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpServer server;
  private final Map<String, List<Reply>> replies = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private FakeApi(HttpServer server) {
    this.server = server;
  }

  public static FakeApi start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      FakeApi fake = new FakeApi(server);
      server.createContext("/", fake::handle);
      server.start();
      return fake;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers {@code method path} (path without query) with {@code status} and a JSON body. */
  public FakeApi on(String method, String path, int status, String json) {
    return onEach(method, path, status, json);
  }

  /**
   * Answers the requests to {@code method path} with {@code jsons} in turn, the last one again for
   * every further request: a resource that changes while the CLI polls it.
   */
  public FakeApi onEach(String method, String path, int status, String... jsons) {
    List<Reply> list = new ArrayList<>();
    for (String json : jsons) {
      byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
      list.add(new Reply(status, Map.of("Content-Type", "application/json"), body));
    }
    replies.put(method + " " + path, List.copyOf(list));
    served.remove(method + " " + path);
    return this;
  }

  /** The requests made to {@code method path}, in order. */
  public List<Request> all(String method, String path) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.path().equals(path))
        .toList();
  }

  public FakeApi onBytes(
      String method, String path, int status, byte[] body, Map<String, String> headers) {
    replies.put(method + " " + path, List.of(new Reply(status, headers, body)));
    served.remove(method + " " + path);
    return this;
  }

  /**
   * Answers {@code GET path} with an NDJSON stream that stays open: each line is sent (and flushed)
   * as it is taken from {@code lines}, and the stream ends at {@link #END_OF_STREAM}.
   */
  public FakeApi onStream(String path, BlockingQueue<String> lines) {
    server.createContext(
        path,
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          requests.add(
              new Request(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getRawPath(),
                  exchange.getRequestURI().getRawQuery(),
                  exchange.getRequestHeaders(),
                  new byte[0]));
          exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            for (String line = lines.take(); !END_OF_STREAM.equals(line); line = lines.take()) {
              out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
              out.flush();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    return this;
  }

  /** Ends a stream started with {@link #onStream}. */
  public static final String END_OF_STREAM = "<end>";

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The one request made to {@code method path}; fails when there were none or several. */
  public Request only(String method, String path) {
    List<Request> matching =
        requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    if (matching.size() != 1) {
      throw new AssertionError(
          "expected one " + method + " " + path + " but got " + matching.size() + ": " + requests);
    }
    return matching.get(0);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String path = exchange.getRequestURI().getRawPath();
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            path,
            exchange.getRequestURI().getRawQuery(),
            exchange.getRequestHeaders(),
            body));
    String key = exchange.getRequestMethod() + " " + path;
    List<Reply> scripted = replies.get(key);
    Reply reply = null;
    if (scripted != null) {
      int index = served.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement();
      reply = scripted.get(Math.min(index, scripted.size() - 1));
    }
    if (reply == null) {
      reply =
          new Reply(
              404,
              Map.of("Content-Type", "application/json"),
              ("{\"error\":{\"code\":\"not-found\",\"message\":\"no fake for "
                      + exchange.getRequestMethod()
                      + " "
                      + path
                      + "\"}}")
                  .getBytes(StandardCharsets.UTF_8));
    }
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    boolean empty = reply.body().length == 0;
    exchange.sendResponseHeaders(reply.status(), empty ? -1 : reply.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(reply.body());
    }
  }

  private record Reply(int status, Map<String, String> headers, byte[] body) {}

  /** One recorded request. */
  public record Request(String method, String path, String query, Headers headers, byte[] body) {
    public String header(String name) {
      return headers.getFirst(name);
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      return method + " " + path + (query == null ? "" : "?" + query);
    }
  }
}
