package io.fathom.cli.ml.deployment;

import io.fathom.cli.http.ApiClient;
import io.fathom.cli.logs.LogOptions;
import io.fathom.cli.runtime.BaseCommand;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code fathom intelligence machine-learning deployment logs <DEPLOYMENT_ID>}: what the
 * deployment's model servers printed (model download, load, warmup, the active provider, errors),
 * from the NDJSON stream {@code …/deployments/{id}/logs}.
 */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = {
      "Print a model deployment's logs (what its model servers write to stdout and stderr).",
      "With --watch, keep following them until interrupted."
    })
public final class ModelDeploymentLogsCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "DEPLOYMENT_ID", description = "Deployment id.")
  String id;

  @Mixin LogOptions logs;

  @Override
  protected void execute() {
    logs.print(
        session(),
        "/api/intelligence/machine-learning/v1/deployments/" + ApiClient.segment(id) + "/logs",
        Map.of());
  }
}
