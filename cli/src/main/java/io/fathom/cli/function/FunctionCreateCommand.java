package io.fathom.cli.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.http.Json;
import io.fathom.cli.runtime.BaseCommand;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fathom intelligence function create <NAME> ...}. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Create a function: its kind, serving resources, variables and schemas.")
final class FunctionCreateCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Function name.")
  String name;

  @Option(
      names = {"-d", "--description"},
      required = true,
      paramLabel = "DESC",
      description = "What the function does.")
  String description;

  @Option(
      names = {"-k", "--kind"},
      required = true,
      paramLabel = "KIND",
      completionCandidates = Choices.Kinds.class,
      description = "Build environment kind: ${COMPLETION-CANDIDATES}.")
  String kind;

  @Option(
      names = {"-s", "--serving-size"},
      required = true,
      paramLabel = "SIZE",
      completionCandidates = Choices.Sizes.class,
      description = "Computational resources: ${COMPLETION-CANDIDATES}.")
  String servingSize;

  @Option(
      names = "--serving-gpu",
      paramLabel = "GPU",
      completionCandidates = Choices.Gpus.class,
      description = "GPU to attach: ${COMPLETION-CANDIDATES}.")
  String servingGpu;

  @Option(
      names = "--serving-timeout",
      paramLabel = "SECONDS",
      description = "Maximum execution time of one call.")
  Integer servingTimeout;

  @Option(
      names = "--serving-env",
      paramLabel = "KEY=VALUE",
      converter = KeyValue.Converter.class,
      description = "Variable for the running service (repeatable).")
  List<KeyValue> servingEnv = new ArrayList<>();

  @Option(
      names = "--serving-secret",
      paramLabel = "KEY=VALUE",
      converter = KeyValue.Converter.class,
      description = "Secret variable for the running service; never shown again (repeatable).")
  List<KeyValue> servingSecrets = new ArrayList<>();

  @Option(
      names = "--build-env",
      paramLabel = "KEY=VALUE",
      converter = KeyValue.Converter.class,
      description = "Variable for the build only (repeatable).")
  List<KeyValue> buildEnv = new ArrayList<>();

  @Option(
      names = "--schema-input",
      paramLabel = "JSON",
      converter = JsonArgument.Converter.class,
      description = "JSON schema of the request body: inline JSON or @file.")
  JsonNode schemaInput;

  @Option(
      names = "--schema-output",
      paramLabel = "JSON",
      converter = JsonArgument.Converter.class,
      description = "JSON schema of the response body: inline JSON or @file.")
  JsonNode schemaOutput;

  @Option(
      names = "--auto-create",
      description = "Start the function from the kind's sample application.")
  boolean autoCreate;

  @Override
  protected void execute() {
    if (servingTimeout != null && servingTimeout < 1) {
      throw usageError("--serving-timeout must be 1 or more seconds, but was " + servingTimeout);
    }
    ApiResponse created = new FunctionsApi(session().api()).create(body());
    printer()
        .print(
            created.data(),
            () -> FunctionView.details(created.data(FunctionInfo.class), printer().out()));
  }

  ObjectNode body() {
    ObjectNode body =
        Json.object().put("name", name).put("description", description).put("kind", kind);
    ObjectNode serving = body.putObject("serving").put("size", servingSize);
    if (servingGpu != null) {
      serving.put("gpu", servingGpu);
    }
    if (servingTimeout != null) {
      serving.put("timeoutSeconds", servingTimeout);
    }
    putPairs(body, "buildEnv", buildEnv);
    putPairs(body, "servingEnv", servingEnv);
    putPairs(body, "servingSecrets", servingSecrets);
    if (schemaInput != null || schemaOutput != null) {
      ObjectNode schema = body.putObject("schema");
      if (schemaInput != null) {
        schema.set("input", schemaInput);
      }
      if (schemaOutput != null) {
        schema.set("output", schemaOutput);
      }
    }
    if (autoCreate) {
      body.put("autoCreate", true);
    }
    return body;
  }

  private static void putPairs(ObjectNode body, String field, List<KeyValue> pairs) {
    if (!pairs.isEmpty()) {
      body.set(field, KeyValue.toObject(KeyValue.toMap(pairs)));
    }
  }
}
