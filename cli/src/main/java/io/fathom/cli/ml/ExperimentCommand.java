package io.fathom.cli.ml;

import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.runtime.BaseCommand;
import io.fathom.cli.runtime.PageOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code fathom i ml experiment list}: the project's experiments. */
@Command(
    name = "experiment",
    mixinStandardHelpOptions = true,
    description = "List MLflow experiments.",
    subcommands = ExperimentCommand.List.class)
final class ExperimentCommand {
  private ExperimentCommand() {}

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List experiments.")
  static final class List extends BaseCommand {
    @Mixin PageOptions page;

    @Override
    protected void execute() {
      ApiResponse response = new MachineLearningApi(session().api()).experiments(page.query());
      printer()
          .print(
              response.data(),
              () ->
                  printer()
                      .list(
                          MlViews.experiments(response.data()),
                          response.pagination(),
                          "experiments"));
    }
  }
}
