package io.fathom.cli.ml.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.http.Json;
import io.fathom.cli.runtime.BaseCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code fathom i ml deployment update <DEPLOYMENT_ID> logged-model [...]}: a rolling update to
 * another logged model, name, description or serving size. Only the options given change.
 */
@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    description = "Update a deployment: its model, name, description or resources.",
    subcommands = ModelDeploymentUpdateCommand.LoggedModel.class)
final class ModelDeploymentUpdateCommand {
  @Parameters(index = "0", paramLabel = "DEPLOYMENT_ID", description = "Deployment id.")
  String id;

  @Command(
      name = ModelDeploymentCreateCommand.LOGGED_MODEL,
      mixinStandardHelpOptions = true,
      description = "Update a logged-model deployment; only the options given change.")
  static final class LoggedModel extends BaseCommand {
    @ParentCommand ModelDeploymentUpdateCommand parent;

    @Option(names = "--model-id", paramLabel = "ID", description = "The new logged model.")
    String modelId;

    @Option(names = "--name", paramLabel = "NAME", description = "New name.")
    String name;

    @Option(names = "--description", paramLabel = "DESC", description = "New description.")
    String description;

    @Option(
        names = {"-s", "--serving-size"},
        paramLabel = "SIZE",
        description = "New resource tier: small, large, large-high-mem or extra-large.")
    String servingSize;

    @Option(
        names = "--serving-gpu",
        paramLabel = "GPU",
        description = "Change or add a GPU (nvidia-l4, nvidia-l4-2x), or none to detach it.")
    String servingGpu;

    @Override
    protected void execute() {
      ModelDeploymentsApi api = new ModelDeploymentsApi(session().api());
      ObjectNode patch = Json.object();
      if (modelId != null) {
        patch
            .putObject("model")
            .put("kind", ModelDeploymentCreateCommand.LOGGED_MODEL)
            .put("modelId", modelId);
      }
      if (name != null) {
        patch.put("name", name);
      }
      if (description != null) {
        patch.put("description", description);
      }
      if (servingSize != null || servingGpu != null) {
        patch.set("serving", serving(api.get(parent.id).data().path("serving")));
      }
      if (patch.isEmpty()) {
        throw usageError("nothing to update: give at least one option, see --help");
      }
      ApiResponse updated = api.update(parent.id, patch);
      printer()
          .print(
              updated.data(),
              () ->
                  ModelDeploymentView.table(Json.MAPPER.createArrayNode().add(updated.data()))
                      .print(printer().out()));
    }

    /**
     * The whole serving block, since the API takes size and GPU together: what is given, the
     * current value for the rest; {@code --serving-gpu none} detaches the GPU.
     */
    private ObjectNode serving(JsonNode current) {
      ObjectNode serving = Json.object();
      serving.put("size", servingSize != null ? servingSize : current.path("size").asText(null));
      String gpu = servingGpu != null ? servingGpu : current.path("gpu").asText(null);
      if (gpu == null || "none".equals(gpu)) {
        serving.putNull("gpu");
      } else {
        serving.put("gpu", gpu);
      }
      return serving;
    }
  }
}
