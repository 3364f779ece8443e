package io.fathom.runtime.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/** A plain HTTP client for the V2 endpoint in tests. */
public final class V2Client {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;

  public V2Client(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** A response: status, headers' JSON part and raw bytes. */
  public record Reply(int status, HttpResponse<byte[]> raw) {
    public JsonNode json() {
      try {
        String length = raw.headers().firstValue("Inference-Header-Content-Length").orElse(null);
        byte[] body = raw.body();
        int n = length == null ? body.length : Integer.parseInt(length);
        return JSON.readTree(Arrays.copyOf(body, n));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The binary section after the JSON header. */
    public byte[] binary() {
      int n = Integer.parseInt(raw.headers().firstValue("Inference-Header-Content-Length").get());
      return Arrays.copyOfRange(raw.body(), n, raw.body().length);
    }

    public String error() {
      return json().path("error").asText();
    }
  }

  public Reply get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Reply post(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Reply post(String path, JsonNode json) {
    return post(path, json.toString());
  }

  /** As Triton's clients send binary tensors: JSON header, then the raw bytes. */
  public Reply postBinary(String path, byte[] header, byte[] binary) {
    byte[] body = Arrays.copyOf(header, header.length + binary.length);
    System.arraycopy(binary, 0, body, header.length, binary.length);
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/octet-stream")
            .header("Inference-Header-Content-Length", Integer.toString(header.length))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> response =
          http.send(
              request.timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
