package io.fathom.controlplane.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fathom.controlplane.instance.InstanceException;
import io.fathom.controlplane.instance.InstancePool;
import io.fathom.controlplane.instance.Lease;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs one call on a deployment's instance: takes a lease (starting a cold instance when needed),
 * sends {@code POST /invoke} with the call id and the deadline, and turns the runtime's answer into
 * an outcome (output validated against the output schema). A runtime that has not answered 1.5 s
 * after the deadline has its instance replaced, so the work is stopped either way.
 */
@Singleton
public class CallExecutor {
  /** How long after the deadline the runtime's own 504 may take to arrive. */
  static final Duration DEADLINE_SLACK = Duration.ofMillis(1500);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final InstancePool pool;
  private final SchemaValidator schemas;
  private final CallSettings settings;

  /**
   * The client's own work (reading the answer, completing the caller's wait) runs on its selector
   * thread rather than on a pool: the answer is a small byte array read without blocking, and each
   * hand-off to another thread costs a scheduling delay on every call. The caller (a virtual
   * thread) still blocks in {@code send}.
   */
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .executor(Runnable::run)
          .build();

  public CallExecutor(InstancePool pool, SchemaValidator schemas, CallSettings settings) {
    this.pool = pool;
    this.schemas = schemas;
    this.settings = settings;
  }

  /** What one execution needs. {@code deadlineMs} is epoch milliseconds. */
  public record Request(
      UUID callId, UUID deploymentId, String input, long deadlineMs, String outputSchema) {}

  public CallOutcome execute(Request request) throws InterruptedException {
    Lease lease;
    try {
      lease = pool.acquire(request.deploymentId());
    } catch (InstanceException e) {
      return CallOutcome.failed(e.code(), e.getMessage());
    }
    try {
      return invoke(request, lease).withStart(lease.coldStart(), lease.startMs());
    } finally {
      pool.release(lease);
    }
  }

  private CallOutcome invoke(Request request, Lease lease) throws InterruptedException {
    long remaining = request.deadlineMs() - System.currentTimeMillis();
    if (remaining <= 0) {
      return new CallOutcome(
          CallStatus.TIMED_OUT,
          null,
          "timeout",
          "The call's deadline passed before its instance was ready",
          false,
          0,
          0);
    }
    HttpRequest http =
        HttpRequest.newBuilder(lease.instance().uri("/invoke"))
            .timeout(Duration.ofMillis(remaining).plus(DEADLINE_SLACK))
            .header("Content-Type", "application/json")
            .header("X-Fathom-Call-Id", request.callId().toString())
            .header("X-Fathom-Deadline-Ms", Long.toString(request.deadlineMs()))
            .POST(HttpRequest.BodyPublishers.ofString(request.input()))
            .build();
    long started = System.nanoTime();
    HttpResponse<byte[]> reply;
    try {
      reply = this.http.send(http, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      long ms = elapsed(started);
      pool.replace(lease, "The call did not stop at its deadline");
      return new CallOutcome(
          CallStatus.TIMED_OUT,
          null,
          "timeout",
          "The function did not answer before its deadline; its instance was replaced to stop"
              + " the work",
          false,
          0,
          ms);
    } catch (IOException e) {
      long ms = elapsed(started);
      Optional<InstanceException> exited = pool.checkExited(lease);
      return exited
          .map(x -> timed(CallOutcome.failed(x.code(), x.getMessage()), ms))
          .orElseGet(
              () ->
                  timed(
                      CallOutcome.failed(
                          "instance-unreachable",
                          "The function's instance could not be reached: " + e.getMessage()),
                      ms));
    }
    long ms = elapsed(started);
    return timed(outcome(reply, request.outputSchema()), ms);
  }

  private CallOutcome outcome(HttpResponse<byte[]> reply, String outputSchema) {
    byte[] body = reply.body();
    if (reply.statusCode() == 200) {
      if (body.length > settings.maxOutputBytes()) {
        return CallOutcome.failed(
            "output-too-large",
            "The output is "
                + body.length
                + " bytes; at most "
                + settings.maxOutputBytes()
                + " bytes are kept");
      }
      JsonNode output;
      try {
        output = JSON.readTree(body);
      } catch (IOException e) {
        return CallOutcome.failed("invalid-output", "The function's output is not JSON");
      }
      Optional<String> violations = schemas.violations(outputSchema, output);
      if (violations.isPresent()) {
        return CallOutcome.failed(
            "output-schema-violation",
            "The output does not match the function's output schema: " + violations.get());
      }
      return new CallOutcome(CallStatus.SUCCEEDED, output.toString(), null, null, false, 0, 0);
    }
    String code = "function-error";
    String message = new String(body, StandardCharsets.UTF_8);
    try {
      JsonNode error = JSON.readTree(body).path("error");
      if (error.isObject()) {
        code = error.path("code").asText(code);
        message = error.path("message").asText(message);
      }
    } catch (IOException notJson) {
      // Keep the raw text.
    }
    if (reply.statusCode() == 504 || code.equals("timeout")) {
      return new CallOutcome(CallStatus.TIMED_OUT, null, "timeout", message, false, 0, 0);
    }
    return CallOutcome.failed(code, message);
  }

  private static CallOutcome timed(CallOutcome o, long executionMs) {
    return new CallOutcome(
        o.status(), o.output(), o.errorCode(), o.errorMessage(), false, 0, executionMs);
  }

  private static long elapsed(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
