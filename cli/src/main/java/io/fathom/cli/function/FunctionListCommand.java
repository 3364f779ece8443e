package io.fathom.cli.function;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.runtime.BaseCommand;
import io.fathom.cli.runtime.PageOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fathom intelligence function list [--filter JSON]}. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the functions of the current project.")
final class FunctionListCommand extends BaseCommand {
  @Mixin PageOptions page;

  @Option(
      names = "--filter",
      paramLabel = "JSON",
      converter = JsonArgument.Converter.class,
      description = {
        "Filter in the platform's filter language, inline JSON or @file,",
        "e.g. '{\"@eq\": {\"path\": \"kind\", \"value\": \"python310\"}}'."
      })
  JsonNode filter;

  @Override
  protected void execute() {
    FunctionsApi functions = new FunctionsApi(session().api());
    ApiResponse response =
        filter == null ? functions.list(page.query()) : functions.filter(filter, page.query());
    printer()
        .print(
            response.data(),
            () ->
                printer()
                    .list(
                        FunctionView.table(response.items(FunctionInfo.class)),
                        response.pagination(),
                        "functions"));
  }
}
