package io.fathom.cli.deployment;

import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.output.Formats;
import io.fathom.cli.output.Table;
import io.fathom.cli.runtime.BaseCommand;
import io.fathom.cli.runtime.PageOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fathom intelligence function deployment list|delete}: a function's deployments. */
@Command(
    name = "deployment",
    mixinStandardHelpOptions = true,
    description = "List a function's deployments; undeploy it.",
    subcommands = {DeploymentCommand.List.class, DeploymentCommand.Delete.class})
public final class DeploymentCommand {
  private DeploymentCommand() {}

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List a function's deployments, newest first.")
  static final class List extends BaseCommand {
    @Mixin PageOptions page;

    @Parameters(index = "0", paramLabel = "FUNCTION_ID", description = "Function id.")
    String functionId;

    @Override
    protected void execute() {
      ApiResponse response = new DeploymentsApi(session().api()).list(functionId, page.query());
      printer()
          .print(
              response.data(),
              () -> {
                Table table =
                    Table.withColumns(
                        "ID", "CREATED_AT", "BUILD_ID", "REVISION", "STATUS", "STATE", "ERROR");
                for (DeploymentInfo d : response.items(DeploymentInfo.class)) {
                  table.row(
                      d.id(),
                      Formats.time(d.createdAt()),
                      d.buildId(),
                      d.revision(),
                      d.status(),
                      d.state(),
                      d.error());
                }
                printer().list(table, response.pagination(), "deployments");
              });
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Undeploy a function: stop its running deployment.")
  static final class Delete extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FUNCTION_ID", description = "Function id.")
    String functionId;

    @Override
    protected void execute() {
      ApiResponse response = new DeploymentsApi(session().api()).delete(functionId);
      DeploymentInfo stopped = response.data(DeploymentInfo.class);
      printer().print(response.data(), () -> printer().line("deployment stopped: " + stopped.id()));
    }
  }
}
