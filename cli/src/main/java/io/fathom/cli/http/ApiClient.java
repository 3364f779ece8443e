package io.fathom.cli.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.cli.error.CliException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * A thin client of the control plane's HTTP API. Every request carries the token, the organization
 * and the project; JSON answers come back as {@link ApiResponse}, error bodies as {@link
 * ApiException}, and an unreachable server as a {@link CliException} with a hint.
 */
public final class ApiClient {
  static final String SERVER_HINT =
      "Is the control plane running? Start a local one with 'bin/fathom server'.";
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final HttpClient http;
  private final String baseUrl;
  private final Map<String, String> headers;

  /**
   * @param organizationId sent as {@code x-organizationid} when not null
   * @param projectId sent as {@code x-projectid} when not null
   */
  public ApiClient(
      HttpClient http, String baseUrl, String token, String organizationId, String projectId) {
    this.http = http;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Authorization", "Bearer " + token);
    h.put("Accept", "application/json");
    if (organizationId != null) {
      h.put("x-organizationid", organizationId);
    }
    if (projectId != null) {
      h.put("x-projectid", projectId);
    }
    this.headers = Map.copyOf(h);
  }

  public String baseUrl() {
    return baseUrl;
  }

  public ApiResponse get(String path, Map<String, String> query) {
    return json(request(path, query).GET());
  }

  public ApiResponse post(String path, Map<String, String> query, JsonNode body) {
    return json(request(path, query).POST(jsonBody(body)).header("Content-Type", JSON));
  }

  /**
   * POSTs JSON with extra headers (such as {@code Idempotency-Key}) and its own deadline, for a
   * request the server may hold open longer than usual (a synchronous call).
   */
  public ApiResponse post(
      String path,
      Map<String, String> query,
      JsonNode body,
      Map<String, String> extraHeaders,
      Duration timeout) {
    HttpRequest.Builder builder =
        request(path, query, timeout).POST(jsonBody(body)).header("Content-Type", JSON);
    extraHeaders.forEach(builder::header);
    return json(builder);
  }

  public ApiResponse patch(String path, JsonNode body) {
    return json(
        request(path, Map.of()).method("PATCH", jsonBody(body)).header("Content-Type", JSON));
  }

  public ApiResponse delete(String path) {
    return json(request(path, Map.of()).DELETE());
  }

  public ApiResponse put(String path, byte[] body, String contentType) {
    return json(
        request(path, Map.of())
            .PUT(BodyPublishers.ofByteArray(body))
            .header("Content-Type", contentType));
  }

  /** GETs a binary body, such as a source archive. */
  public Download download(String path, Map<String, String> query) {
    HttpResponse<byte[]> response =
        send(
            request(path, query)
                .setHeader("Accept", "application/gzip, application/octet-stream, application/json")
                .GET());
    return new Download(response.body(), response.headers());
  }

  /**
   * GETs an NDJSON stream (logs), handing each non-blank line to {@code line} as it arrives; with a
   * follow query the server keeps the stream open, and this returns when it closes it. No deadline
   * applies once the answer has started.
   */
  public void stream(String path, Map<String, String> query, Consumer<JsonNode> line) {
    HttpRequest request =
        request(path, query, null)
            .setHeader("Accept", "application/x-ndjson, application/json")
            .build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw unreachable(e);
    } catch (IOException e) {
      throw new CliException("io-error", "GET " + request.uri() + " failed: " + reason(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted", "interrupted while waiting for " + baseUrl);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() >= 400) {
        throw ApiErrors.from(response.statusCode(), body.readAllBytes(), request);
      }
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
      for (String text = reader.readLine(); text != null; text = reader.readLine()) {
        if (!text.isBlank()) {
          line.accept(parseLine(text, request));
        }
      }
    } catch (IOException e) {
      throw new CliException(
          "io-error", "reading " + request.uri().getPath() + " failed: " + reason(e));
    }
  }

  private static JsonNode parseLine(String text, HttpRequest request) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new CliException(
          "invalid-response",
          "the stream " + request.uri().getPath() + " has a line that is not JSON");
    }
  }

  /** Encodes one path segment (an id given on the command line). */
  public static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static final String JSON = "application/json";

  private HttpRequest.Builder request(String path, Map<String, String> query) {
    return request(path, query, TIMEOUT);
  }

  /** A request with the headers; {@code timeout} null: none (a followed stream never ends). */
  private HttpRequest.Builder request(String path, Map<String, String> query, Duration timeout) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    query.forEach(
        (k, v) ->
            q.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path + q));
    if (timeout != null) {
      builder.timeout(timeout);
    }
    headers.forEach(builder::header);
    return builder;
  }

  private static BodyPublisher jsonBody(JsonNode body) {
    try {
      return BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode request body", e);
    }
  }

  private ApiResponse json(HttpRequest.Builder builder) {
    HttpResponse<byte[]> response = send(builder);
    if (response.body().length == 0) {
      return new ApiResponse(response.statusCode(), null);
    }
    try {
      return new ApiResponse(response.statusCode(), Json.MAPPER.readTree(response.body()));
    } catch (IOException e) {
      throw new CliException(
          "invalid-response",
          "the server at "
              + baseUrl
              + " did not answer with JSON (HTTP "
              + response.statusCode()
              + ")");
    }
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder builder) {
    HttpRequest request = builder.build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw unreachable(e);
    } catch (IOException e) {
      throw new CliException(
          "io-error", request.method() + " " + request.uri() + " failed: " + reason(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted", "interrupted while waiting for " + baseUrl);
    }
    if (response.statusCode() >= 400) {
      throw ApiErrors.from(response.statusCode(), response.body(), request);
    }
    return response;
  }

  private CliException unreachable(IOException e) {
    return new CliException(
        "unreachable", "cannot reach " + baseUrl + ": " + reason(e), SERVER_HINT, e);
  }

  private static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
  }
}
