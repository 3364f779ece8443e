package io.fathom.cli.logs;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.cli.http.ApiClient;
import io.fathom.cli.output.LogPrinter;
import io.fathom.cli.runtime.BaseCommand;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
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

  @Option(names = "--watch", description = "Follow the logs as they are written (Ctrl-C stops).")
  boolean watch;

  @Option(names = "--call-id", paramLabel = "CALL_ID", description = "Only this call's lines.")
  String callId;

  @Option(
      names = "--since",
      paramLabel = "ISO-8601",
      description = "Only lines written at or after this time, e.g. 2026-01-02T03:04:05Z.")
  String since;

  @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines (then follow).")
  Integer tail;

  @Option(names = "--time", description = "Prefix each line with its timestamp.")
  boolean time;

  @Override
  protected void execute() {
    if (tail != null && tail < 0) {
      throw usageError("--tail must be 0 or more, but was " + tail);
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("follow", Boolean.toString(watch));
    if (callId != null) {
      query.put("call_id", callId);
    }
    if (since != null) {
      query.put("since", since);
    }
    if (tail != null) {
      query.put("tail", tail.toString());
    }
    PrintStream out = session().out();
    Consumer<JsonNode> printer =
        printer().isJson()
            ? line -> {
              out.println(line.toString());
              out.flush();
            }
            : new LogPrinter(out, time);
    session().api().stream(
        "/api/intelligence/functions/v1/functions/" + ApiClient.segment(functionId) + "/logs",
        query,
        printer);
  }
}
