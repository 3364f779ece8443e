package io.fathom.cli.ml.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.http.Json;
import io.fathom.cli.runtime.BaseCommand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code deployment tag <ID> key=value...} and {@code deployment untag <ID> key...}: both PATCH the
 * deployment's tags, which the API merges ({@code null} removes a key), and print the deployment.
 */
final class ModelDeploymentTagCommands {
  private ModelDeploymentTagCommands() {}

  private abstract static class TagChange extends BaseCommand {
    @Parameters(index = "0", paramLabel = "DEPLOYMENT_ID", description = "Deployment id.")
    String id;

    /** The {@code tags} member of the patch. */
    abstract ObjectNode changes();

    @Override
    protected void execute() {
      ObjectNode patch = Json.object();
      patch.set("tags", changes());
      ApiResponse updated = new ModelDeploymentsApi(session().api()).update(id, patch);
      printer()
          .print(
              updated.data(),
              () ->
                  ModelDeploymentView.table(Json.MAPPER.createArrayNode().add(updated.data()))
                      .print(printer().out()));
    }
  }

  @Command(
      name = "tag",
      mixinStandardHelpOptions = true,
      description = "Add or change tags of a deployment: KEY=VALUE, or a bare KEY.")
  static final class TagCommand extends TagChange {
    @Parameters(
        index = "1..*",
        arity = "1..*",
        paramLabel = "KEY[=VALUE]",
        converter = Tag.Converter.class,
        description = "Tags to set.")
    List<Tag> tags;

    @Override
    ObjectNode changes() {
      ObjectNode changes = Json.object();
      tags.forEach(t -> changes.put(t.key(), t.value()));
      return changes;
    }
  }

  @Command(
      name = "untag",
      mixinStandardHelpOptions = true,
      description = "Remove tags from a deployment.")
  static final class UntagCommand extends TagChange {
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY", description = "Tags to remove.")
    List<String> keys;

    @Override
    ObjectNode changes() {
      ObjectNode changes = Json.object();
      keys.forEach(changes::putNull);
      return changes;
    }
  }
}
