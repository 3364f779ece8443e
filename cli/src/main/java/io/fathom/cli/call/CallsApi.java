package io.fathom.cli.call;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.cli.http.ApiClient;
import io.fathom.cli.http.ApiResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A function's calls ({@code /api/intelligence/functions/v1/functions/{id}/calls}). */
final class CallsApi {
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  static final String TIMEOUT_SECONDS = "X-Fathom-Timeout-Seconds";

  /** How long a synchronous call may take when no timeout is given: the longest function one. */
  private static final Duration LONGEST_CALL = Duration.ofHours(1);

  /** Time on top of the call's own timeout for queueing and a cold start. */
  private static final Duration MARGIN = Duration.ofSeconds(60);

  private final ApiClient api;

  CallsApi(ApiClient api) {
    this.api = api;
  }

  /**
   * Calls the function with {@code input} as the body; synchronous calls answer once finished, so
   * the request waits for the call's timeout plus a margin.
   */
  ApiResponse create(
      String functionId, JsonNode input, boolean async, String idempotencyKey, Integer timeout) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (idempotencyKey != null) {
      headers.put(IDEMPOTENCY_KEY, idempotencyKey);
    }
    if (timeout != null) {
      headers.put(TIMEOUT_SECONDS, timeout.toString());
    }
    Duration wait = (timeout == null ? LONGEST_CALL : Duration.ofSeconds(timeout)).plus(MARGIN);
    return api.post(
        calls(functionId), Map.of("mode", async ? "async" : "sync"), input, headers, wait);
  }

  ApiResponse list(String functionId, Map<String, String> query) {
    return api.get(calls(functionId), query);
  }

  ApiResponse get(String functionId, String callId) {
    return api.get(calls(functionId) + "/" + ApiClient.segment(callId), Map.of());
  }

  private static String calls(String functionId) {
    return "/api/intelligence/functions/v1/functions/" + ApiClient.segment(functionId) + "/calls";
  }
}
