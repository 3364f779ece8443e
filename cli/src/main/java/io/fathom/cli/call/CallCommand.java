package io.fathom.cli.call;

import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.runtime.BaseCommand;
import io.fathom.cli.runtime.PageOptions;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fathom intelligence function call create|list|get}: calls of a deployed function. */
@Command(
    name = "call",
    mixinStandardHelpOptions = true,
    description = "Call a deployed function; list its calls and show one.",
    subcommands = {CallCreateCommand.class, CallCommand.List.class, CallCommand.Get.class})
public final class CallCommand {
  private CallCommand() {}

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List a function's calls, newest first.")
  static final class List extends BaseCommand {
    @Mixin PageOptions page;

    @Parameters(index = "0", paramLabel = "FUNCTION_ID", description = "Function id.")
    String functionId;

    @Option(
        names = "--status",
        paramLabel = "STATUS",
        description = "Only calls in this status: queued, running, succeeded, failed, timed-out.")
    String status;

    @Option(
        names = "--since",
        paramLabel = "ISO-8601",
        description = "Only calls created at or after this time.")
    String since;

    @Option(
        names = "--until",
        paramLabel = "ISO-8601",
        description = "Only calls created before this time.")
    String until;

    @Override
    protected void execute() {
      Map<String, String> query = page.query();
      putIfGiven(query, "status", status);
      putIfGiven(query, "since", since);
      putIfGiven(query, "until", until);
      ApiResponse response = new CallsApi(session().api()).list(functionId, query);
      printer()
          .print(
              response.data(),
              () ->
                  printer()
                      .list(
                          CallView.table(response.items(CallInfo.class)),
                          response.pagination(),
                          "calls"));
    }

    private static void putIfGiven(Map<String, String> query, String name, String value) {
      if (value != null) {
        query.put(name, value);
      }
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one call.")
  static final class Get extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FUNCTION_ID", description = "Function id.")
    String functionId;

    @Parameters(index = "1", paramLabel = "CALL_ID", description = "Call id.")
    String callId;

    @Override
    protected void execute() {
      ApiResponse response = new CallsApi(session().api()).get(functionId, callId);
      printer()
          .print(
              response.data(),
              () -> CallView.details(response.data(CallInfo.class), printer().out()));
    }
  }
}
