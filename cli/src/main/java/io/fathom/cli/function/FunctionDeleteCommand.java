package io.fathom.cli.function;

import io.fathom.cli.runtime.BaseCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fathom intelligence function delete <ID>}. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a function.")
final class FunctionDeleteCommand extends BaseCommand {
  @Mixin FunctionIdOption idOption;

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Function id.")
  String id;

  @Override
  protected void execute() {
    String functionId = idOption.resolve(id);
    new FunctionsApi(session().api()).delete(functionId);
    if (!printer().isJson()) {
      printer().line("Function " + functionId + " deleted.");
    }
  }
}
