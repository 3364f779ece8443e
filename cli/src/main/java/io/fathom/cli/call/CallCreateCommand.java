package io.fathom.cli.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.fathom.cli.error.CliException;
import io.fathom.cli.function.DataOption;
import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.runtime.BaseCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fathom intelligence function call create <FUNCTION_ID> [--data …] [--async]}: a
 * synchronous call prints the function's output, or its error on standard error with exit 1; an
 * asynchronous one prints the call's id.
 */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Call a deployed function and print its output (or, with --async, the call's id).",
      "A failed or timed-out call prints its error and exits 1."
    })
final class CallCreateCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "FUNCTION_ID", description = "Function id.")
  String functionId;

  @Mixin DataOption data;

  @Option(names = "--async", description = "Queue the call and return at once with its id.")
  boolean async;

  @Option(
      names = "--idempotency-key",
      paramLabel = "KEY",
      description = "Calls with the same key and input run once and answer the same call.")
  String idempotencyKey;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Deadline for this call (default: the function's serving timeout).")
  Integer timeout;

  @Override
  protected void execute() {
    if (timeout != null && timeout < 1) {
      throw usageError("--timeout must be 1 or more seconds, but was " + timeout);
    }
    JsonNode input = data.json(session().in(), "{}");
    ApiResponse response =
        new CallsApi(session().api()).create(functionId, input, async, idempotencyKey, timeout);
    CallInfo call = response.data(CallInfo.class);
    if (async) {
      printer().print(response.data(), () -> printer().line("call created: " + call.id()));
      return;
    }
    if (printer().isJson()) {
      printer().json(response.data());
    } else if (call.succeeded()) {
      printer().json(call.output() == null ? NullNode.getInstance() : call.output());
    }
    if (!call.succeeded()) {
      throw failure(call);
    }
  }

  private static CliException failure(CallInfo call) {
    if (call.error() != null) {
      return new CliException(call.error().code(), call.error().message());
    }
    return new CliException(
        "timed-out".equals(call.status()) ? "timed-out" : "call-" + call.status(),
        "call " + call.id() + " ended " + call.status());
  }
}
