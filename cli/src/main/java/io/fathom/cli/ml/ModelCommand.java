package io.fathom.cli.ml;

import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.runtime.BaseCommand;
import io.fathom.cli.runtime.PageOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fathom i ml model list|get}: the project's logged models. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "List and show logged models (what MLflow's log_model records).",
    subcommands = {ModelCommand.List.class, ModelCommand.Get.class})
final class ModelCommand {
  private ModelCommand() {}

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List logged models.")
  static final class List extends BaseCommand {
    @Mixin PageOptions page;

    @Override
    protected void execute() {
      ApiResponse response = new MachineLearningApi(session().api()).models(page.query());
      printer()
          .print(
              response.data(),
              () ->
                  printer().list(MlViews.models(response.data()), response.pagination(), "models"));
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one logged model.")
  static final class Get extends BaseCommand {
    @Parameters(index = "0", paramLabel = "<ID>", description = "Logged model id.")
    String id;

    @Override
    protected void execute() {
      ApiResponse response = new MachineLearningApi(session().api()).model(id);
      printer().print(response.data(), () -> MlViews.model(response.data(), printer().out()));
    }
  }
}
