package io.fathom.runtime.host;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.fathom.runtime.sdk.Logger;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /invoke}: admits the call, reads and checks the input, runs the function through
 * {@link CallRunner}, checks the output, and answers with the contract's status and error codes.
 * Every answer echoes {@code X-Fathom-Call-Id}.
 */
final class InvokeHandler {
  static final String CALL_ID = "X-Fathom-Call-Id";
  static final String DEADLINE = "X-Fathom-Deadline-Ms";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final HostConfig config;
  private final CallGate gate;
  private final CallRunner runner;
  private final SchemaCheck inputSchema;
  private final SchemaCheck outputSchema;
  private final JsonLog log;

  InvokeHandler(
      HostConfig config,
      CallGate gate,
      CallRunner runner,
      SchemaCheck inputSchema,
      SchemaCheck outputSchema,
      JsonLog log) {
    this.config = config;
    this.gate = gate;
    this.runner = runner;
    this.inputSchema = inputSchema;
    this.outputSchema = outputSchema;
    this.log = log;
  }

  void handle(HttpExchange exchange) throws IOException {
    String callId =
        Optional.ofNullable(exchange.getRequestHeaders().getFirst(CALL_ID))
            .filter(id -> !id.isBlank())
            .orElseGet(() -> UUID.randomUUID().toString());
    exchange.getResponseHeaders().set(CALL_ID, callId);
    if (!"POST".equals(exchange.getRequestMethod())) {
      HttpReplies.methodNotAllowed(exchange, "POST");
      return;
    }
    HostState state = gate.tryEnter();
    if (state != HostState.READY) {
      refuse(exchange, state);
      return;
    }
    try {
      serve(exchange, callId);
    } finally {
      exchange.close();
      gate.leave();
    }
  }

  private void serve(HttpExchange exchange, String callId) throws IOException {
    long started = System.currentTimeMillis();
    String deadlineHeader = exchange.getRequestHeaders().getFirst(DEADLINE);
    long deadline;
    if (deadlineHeader == null || deadlineHeader.isBlank()) {
      deadline = started + config.timeout().toMillis();
    } else {
      try {
        deadline = Long.parseLong(deadlineHeader.trim());
      } catch (NumberFormatException e) {
        HttpReplies.error(
            exchange,
            400,
            "invalid-deadline",
            DEADLINE + " must be epoch milliseconds, got '" + deadlineHeader + "'");
        return;
      }
    }
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    Optional<byte[]> body =
        RequestBody.read(exchange.getRequestBody(), parseLength(length), config.maxBodyBytes());
    if (body.isEmpty()) {
      HttpReplies.error(
          exchange,
          413,
          "payload-too-large",
          "the request body is larger than FATHOM_MAX_BODY_BYTES ("
              + config.maxBodyBytes()
              + " bytes)");
      return;
    }
    JsonNode input;
    try {
      input = JSON.readTree(body.get());
    } catch (JsonProcessingException e) {
      HttpReplies.error(
          exchange, 400, "invalid-json", "the request body is not JSON: " + e.getOriginalMessage());
      return;
    }
    if (input == null || input.isMissingNode()) {
      HttpReplies.error(exchange, 400, "invalid-json", "the request body is empty; send JSON");
      return;
    }
    Optional<String> inputViolations = inputSchema.violations(input);
    if (inputViolations.isPresent()) {
      HttpReplies.error(
          exchange,
          422,
          "input-schema-violation",
          "the input does not match the input schema: " + inputViolations.get());
      return;
    }
    CallContext context = CallContext.forCall(config, log, callId, deadline);
    CallOutcome outcome;
    try {
      outcome = runner.run(input, context);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      HttpReplies.error(exchange, 503, "draining", "the host is stopping; retry the call");
      return;
    }
    answer(exchange, context.logger(), outcome, started);
  }

  private void answer(HttpExchange exchange, Logger callLog, CallOutcome outcome, long started)
      throws IOException {
    long elapsed = System.currentTimeMillis() - started;
    switch (outcome) {
      case CallOutcome.Returned returned -> {
        Optional<String> violations = outputSchema.violations(returned.output());
        if (violations.isPresent()) {
          callLog.error("output-schema-violation after " + elapsed + " ms: " + violations.get());
          HttpReplies.error(
              exchange,
              500,
              "output-schema-violation",
              "the output does not match the output schema: " + violations.get());
        } else {
          callLog.info("ok after " + elapsed + " ms");
          HttpReplies.json(exchange, 200, returned.output());
        }
      }
      case CallOutcome.Failed failed -> {
        callLog.error("function-error after " + elapsed + " ms: " + stackTrace(failed.error()));
        HttpReplies.error(exchange, 500, "function-error", FunctionLoader.describe(failed.error()));
      }
      case CallOutcome.TimedOut timedOut -> {
        callLog.warn("timeout after " + elapsed + " ms: " + timedOut.reason());
        HttpReplies.error(exchange, 504, "timeout", timedOut.reason());
      }
    }
  }

  private static void refuse(HttpExchange exchange, HostState state) throws IOException {
    if (state == HostState.DRAINING) {
      HttpReplies.error(
          exchange, 503, "draining", "the host is shutting down; send the call elsewhere");
    } else {
      HttpReplies.error(
          exchange, 503, "not-ready", "the function is still starting; retry when /_/ready is 200");
    }
  }

  private static long parseLength(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String stackTrace(Throwable error) {
    StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    return text.toString().strip();
  }
}
