package io.fathom.cli.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.runtime.BaseCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fathom intelligence function deploy <FUNCTION_ID> <BUILD_ID> [--watch]}. */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description = {
      "Deploy a succeeded build of a function (also to roll back to an older one).",
      "The new deployment replaces the running one once it is ready."
    })
public final class DeployCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "FUNCTION_ID", description = "Function id.")
  String functionId;

  @Parameters(index = "1", paramLabel = "BUILD_ID", description = "The build to deploy.")
  String buildId;

  @Option(
      names = "--watch",
      description = "Wait until the deployment runs; exit 1 with its error when it fails.")
  boolean watch;

  @Override
  protected void execute() {
    ApiResponse created = new DeploymentsApi(session().api()).create(functionId, buildId);
    String id = created.data(DeploymentInfo.class).id();
    if (!watch) {
      printer().print(created.data(), () -> printer().line("deployment created: " + id));
      return;
    }
    if (!printer().isJson()) {
      printer().line("deployment created: " + id);
      session().out().flush();
    }
    JsonNode running = DeploymentWatcher.of(session()).awaitRunning(functionId, id);
    printer().print(running, () -> printer().line("deployment running: " + id));
  }
}
