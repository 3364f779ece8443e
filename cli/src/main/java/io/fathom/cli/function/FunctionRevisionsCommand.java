package io.fathom.cli.function;

import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.runtime.BaseCommand;
import io.fathom.cli.runtime.PageOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fathom intelligence function revisions <ID>}. */
@Command(
    name = "revisions",
    mixinStandardHelpOptions = true,
    description = "List the uploaded source revisions of a function.")
final class FunctionRevisionsCommand extends BaseCommand {
  @Mixin FunctionIdOption idOption;
  @Mixin PageOptions page;

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Function id.")
  String id;

  @Override
  protected void execute() {
    ApiResponse response =
        new FunctionsApi(session().api()).revisions(idOption.resolve(id), page.query());
    printer()
        .print(
            response.data(),
            () ->
                printer()
                    .list(
                        FunctionView.revisions(response.items(Revision.class)),
                        response.pagination(),
                        "revisions"));
  }
}
