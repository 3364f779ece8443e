package io.fathom.cli.function;

import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.runtime.BaseCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fathom intelligence function get <ID>}. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Show one function.")
final class FunctionGetCommand extends BaseCommand {
  @Mixin FunctionIdOption idOption;

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Function id.")
  String id;

  @Override
  protected void execute() {
    ApiResponse response = new FunctionsApi(session().api()).get(idOption.resolve(id));
    printer()
        .print(
            response.data(),
            () -> FunctionView.details(response.data(FunctionInfo.class), printer().out()));
  }
}
