package io.fathom.cli.ml.deployment;

import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.runtime.BaseCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code fathom i ml deployment create logged-model|hugging-face ...}. Both kinds are sent as
 * given; the control plane serves logged models and answers {@code unsupported-model-kind} for
 * Hugging Face ones, which is printed like any API error.
 */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Deploy a model: a logged model from the registry, or a Hugging Face model.",
    subcommands = {
      ModelDeploymentCreateCommand.LoggedModel.class,
      ModelDeploymentCreateCommand.HuggingFace.class
    })
final class ModelDeploymentCreateCommand {
  private ModelDeploymentCreateCommand() {}

  static final String LOGGED_MODEL = "logged-model";
  static final String HUGGING_FACE = "hugging-face";

  private abstract static class Create extends BaseCommand {
    @Mixin DeploymentOptions options;

    abstract String kind();

    @Override
    protected void execute() {
      ApiResponse created = new ModelDeploymentsApi(session().api()).create(options.body(kind()));
      String id = created.data().path("id").asText();
      printer().print(created.data(), () -> printer().line("deployment created: " + id));
    }
  }

  @Command(
      name = LOGGED_MODEL,
      mixinStandardHelpOptions = true,
      description = "Deploy a logged model (its id from 'fathom i ml model list').")
  static final class LoggedModel extends Create {
    @Override
    String kind() {
      return LOGGED_MODEL;
    }
  }

  @Command(
      name = HUGGING_FACE,
      mixinStandardHelpOptions = true,
      description =
          "Deploy a Hugging Face model by its repository id, e.g. Qwen/Qwen2.5-0.5B-Instruct.")
  static final class HuggingFace extends Create {
    @Override
    String kind() {
      return HUGGING_FACE;
    }
  }
}
