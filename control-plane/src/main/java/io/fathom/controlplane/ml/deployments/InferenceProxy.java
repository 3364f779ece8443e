package io.fathom.controlplane.ml.deployments;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.fathom.controlplane.instance.InstanceException;
import io.fathom.controlplane.instance.InstancePool;
import io.fathom.controlplane.instance.Lease;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * Passes a V2 inference request to the deployment's running model server unchanged (JSON or the
 * binary tensor extension, with {@code Inference-Header-Content-Length}) and its answer back
 * unchanged. Failures of the platform itself answer in the V2 error shape {@code {"error": "…"}}.
 */
@Singleton
public class InferenceProxy {
  public static final String HEADER_LENGTH = "Inference-Header-Content-Length";
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final InstancePool pool;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  public InferenceProxy(InstancePool pool) {
    this.pool = pool;
  }

  public MutableHttpResponse<byte[]> infer(
      UUID workloadId, String path, byte[] body, String contentType, String headerLength)
      throws InterruptedException {
    Lease lease;
    try {
      lease = pool.acquire(workloadId);
    } catch (InstanceException e) {
      return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(lease.instance().uri(path))
              .timeout(TIMEOUT)
              .header("Content-Type", contentType == null ? "application/json" : contentType)
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (headerLength != null) {
        request.header(HEADER_LENGTH, headerLength);
      }
      java.net.http.HttpResponse<byte[]> reply =
          http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      MutableHttpResponse<byte[]> out =
          HttpResponse.<byte[]>status(HttpStatus.valueOf(reply.statusCode())).body(reply.body());
      reply.headers().firstValue("Content-Type").ifPresent(v -> out.header("Content-Type", v));
      reply.headers().firstValue(HEADER_LENGTH).ifPresent(v -> out.header(HEADER_LENGTH, v));
      return out;
    } catch (HttpTimeoutException e) {
      return error(HttpStatus.GATEWAY_TIMEOUT, "The model server did not answer in time");
    } catch (IOException e) {
      return pool.checkExited(lease)
          .map(x -> error(HttpStatus.SERVICE_UNAVAILABLE, x.getMessage()))
          .orElseGet(
              () ->
                  error(
                      HttpStatus.BAD_GATEWAY,
                      "The model server could not be reached: " + e.getMessage()));
    } finally {
      pool.release(lease);
    }
  }

  static MutableHttpResponse<byte[]> error(HttpStatus status, String message) {
    String json =
        "{\"error\":\""
            + new String(JsonStringEncoder.getInstance().quoteAsString(message))
            + "\"}";
    return HttpResponse.<byte[]>status(status)
        .contentType("application/json")
        .body(json.getBytes(StandardCharsets.UTF_8));
  }
}
