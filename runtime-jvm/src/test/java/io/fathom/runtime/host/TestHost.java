package io.fathom.runtime.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fathom.runtime.sdk.Function;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A {@link FunctionHost} started in this JVM on a free port, with its log captured and its exit
 * action recorded (the JVM never exits), plus an HTTP client for it.
 */
final class TestHost implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final FunctionHost host;
  final BlockingQueue<Integer> exits = new LinkedBlockingQueue<>();
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestHost(Function function, Map<String, String> env, boolean init) {
    Map<String, String> all = new HashMap<>();
    all.put("PORT", "0");
    all.put("FATHOM_FUNCTION_CLASS", function.getClass().getName());
    all.putAll(env);
    JsonLog log =
        new JsonLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8), Clock.systemUTC());
    host = FunctionHost.start(HostConfig.from(all), function, log, exits::add);
    if (init) {
      host.init();
    }
  }

  /** A ready host. */
  static TestHost start(Function function, Map<String, String> env) {
    return new TestHost(function, env, true);
  }

  /** A host whose {@code init} has not run yet. */
  static TestHost starting(Function function, Map<String, String> env) {
    return new TestHost(function, env, false);
  }

  HttpResponse<String> invoke(String body, String... headers) {
    HttpRequest.Builder request =
        request("/invoke").POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build());
  }

  HttpResponse<String> invoke(byte[] body) {
    return send(request("/invoke").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + path))
        .timeout(Duration.ofSeconds(30));
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every log line written so far, parsed (each must be JSON). */
  List<JsonNode> logLines() {
    String text;
    synchronized (logBytes) {
      text = logBytes.toString(StandardCharsets.UTF_8);
    }
    return text.lines()
        .map(
            line -> {
              try {
                return JSON.readTree(line);
              } catch (IOException e) {
                throw new AssertionError("log line is not JSON: " + line, e);
              }
            })
        .toList();
  }

  @Override
  public void close() {
    host.close();
  }
}
