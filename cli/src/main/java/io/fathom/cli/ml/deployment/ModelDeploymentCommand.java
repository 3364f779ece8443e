package io.fathom.cli.ml.deployment;

import io.fathom.cli.error.CliException;
import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.runtime.BaseCommand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fathom intelligence machine-learning deployment ...}: serving endpoints for logged models.
 * The small commands (get, delete, code-snippets) live here; the others have their own classes.
 */
@Command(
    name = "deployment",
    mixinStandardHelpOptions = true,
    description =
        "Deploy logged models as inference endpoints; list, update, tag, call them and read their"
            + " logs.",
    subcommands = {
      ModelDeploymentCreateCommand.class,
      ModelDeploymentListCommand.class,
      ModelDeploymentCommand.Get.class,
      ModelDeploymentUpdateCommand.class,
      ModelDeploymentTagCommands.TagCommand.class,
      ModelDeploymentTagCommands.UntagCommand.class,
      ModelDeploymentInferCommand.class,
      ModelDeploymentLogsCommand.class,
      ModelDeploymentCommand.Delete.class,
      ModelDeploymentCommand.CodeSnippets.class
    })
public final class ModelDeploymentCommand {
  private ModelDeploymentCommand() {}

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one deployment.")
  static final class Get extends BaseCommand {
    @Parameters(index = "0", paramLabel = "DEPLOYMENT_ID", description = "Deployment id.")
    String id;

    @Override
    protected void execute() {
      ApiResponse response = new ModelDeploymentsApi(session().api()).get(id);
      printer()
          .print(
              response.data(), () -> ModelDeploymentView.details(response.data(), printer().out()));
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a deployment and stop serving it.")
  static final class Delete extends BaseCommand {
    @Parameters(index = "0", paramLabel = "DEPLOYMENT_ID", description = "Deployment id.")
    String id;

    @Override
    protected void execute() {
      new ModelDeploymentsApi(session().api()).delete(id);
      if (!printer().isJson()) {
        printer().line("deployment deleted: " + id);
      }
    }
  }

  @Command(
      name = "code-snippets",
      mixinStandardHelpOptions = true,
      description = "Print code that calls the deployment: curl, Python and Rust.")
  static final class CodeSnippets extends BaseCommand {
    static final List<String> LANGUAGES = List.of("curl", "python", "rust");

    @Parameters(index = "0", paramLabel = "DEPLOYMENT_ID", description = "Deployment id.")
    String id;

    @Option(
        names = "--language",
        paramLabel = "LANGUAGE",
        completionCandidates = Languages.class,
        description = "Only this snippet: ${COMPLETION-CANDIDATES}.")
    String language;

    @Override
    protected void execute() {
      if (language != null && !LANGUAGES.contains(language)) {
        throw new CliException(
            "unknown-language",
            "'"
                + language
                + "' is not a known language. Available: "
                + String.join(", ", LANGUAGES));
      }
      ApiResponse response = new ModelDeploymentsApi(session().api()).codeSnippets(id);
      if (printer().isJson()) {
        printer().json(language == null ? response.data() : response.data().path(language));
        return;
      }
      if (language != null) {
        printer().line(response.data().path(language).asText());
        return;
      }
      for (String each : LANGUAGES) {
        printer().line("# " + each);
        printer().line(response.data().path(each).asText());
        printer().line("");
      }
    }

    static final class Languages implements Iterable<String> {
      @Override
      public java.util.Iterator<String> iterator() {
        return LANGUAGES.iterator();
      }
    }
  }
}
