package io.fathom.cli.call;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** A call of a function as the API returns it. */
@JsonIgnoreProperties(ignoreUnknown = true)
record CallInfo(
    String id,
    String functionId,
    String deploymentId,
    String status,
    String mode,
    String idempotencyKey,
    JsonNode output,
    Error error,
    Long durationMs,
    Boolean coldStart,
    Timings timings,
    String scheduleId,
    String createdAt,
    String startedAt,
    String finishedAt) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Error(String code, String message) {
    @Override
    public String toString() {
      return message + " (" + code + ")";
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Timings(Long queuedMs, Long startMs, Long executionMs) {}

  boolean succeeded() {
    return "succeeded".equals(status);
  }
}
