package io.fathom.cli.logs;

import io.fathom.cli.http.ApiClient;
import io.fathom.cli.runtime.BaseCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fathom intelligence function logs <FUNCTION_ID>}: what the function's instances wrote to
 * stdout and stderr, from the NDJSON stream {@code …/functions/{id}/logs}; {@code --output json}
 * prints the stream's objects as they are, one per line.
 */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = {
      "Print a function's runtime logs (what its instances write to stdout and stderr).",
      "With --watch, keep following them until interrupted."
    })
public final class FunctionLogsCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "FUNCTION_ID", description = "Function id.")
  String functionId;

  @Option(names = "--call-id", paramLabel = "CALL_ID", description = "Only this call's lines.")
  String callId;

  @Mixin LogOptions logs;

  @Override
  protected void execute() {
    Map<String, String> filters = new LinkedHashMap<>();
    if (callId != null) {
      filters.put("call_id", callId);
    }
    logs.print(
        session(),
        "/api/intelligence/functions/v1/functions/" + ApiClient.segment(functionId) + "/logs",
        filters);
  }
}
