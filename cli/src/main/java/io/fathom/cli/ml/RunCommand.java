package io.fathom.cli.ml;

import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.runtime.BaseCommand;
import io.fathom.cli.runtime.PageOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fathom i ml run list <EXPERIMENT_ID>}: an experiment's runs. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "List the runs of an experiment.",
    subcommands = RunCommand.List.class)
final class RunCommand {
  private RunCommand() {}

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List an experiment's runs with their metrics and parameters.")
  static final class List extends BaseCommand {
    @Mixin PageOptions page;

    @Parameters(
        index = "0",
        paramLabel = "<EXPERIMENT_ID>",
        description = "Experiment id (see 'fathom i ml experiment list').")
    String experimentId;

    @Override
    protected void execute() {
      ApiResponse response =
          new MachineLearningApi(session().api()).runs(experimentId, page.query());
      printer()
          .print(
              response.data(),
              () -> printer().list(MlViews.runs(response.data()), response.pagination(), "runs"));
    }
  }
}
