package io.fathom.cli.ml.deployment;

import io.fathom.cli.function.DataOption;
import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.runtime.BaseCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code fathom i ml deployment infer <ID> --data -|JSON|@file}: one V2 (Triton) inference request.
 * The answer is the model server's JSON, printed as is; an error answer ({@code {"error": "…"}}) is
 * printed as {@code Error: …} with exit 1.
 */
@Command(
    name = "infer",
    mixinStandardHelpOptions = true,
    description = {
      "Send a V2 inference request to a running deployment and print the answer.",
      "echo '{\"inputs\": [...]}' | fathom i ml deployment infer <ID> --data -"
    })
final class ModelDeploymentInferCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "DEPLOYMENT_ID", description = "Deployment id.")
  String id;

  @Mixin DataOption data;

  @Override
  protected void execute() {
    ApiResponse response =
        new ModelDeploymentsApi(session().api()).infer(id, data.json(session().in(), null));
    printer().json(response.body());
  }
}
