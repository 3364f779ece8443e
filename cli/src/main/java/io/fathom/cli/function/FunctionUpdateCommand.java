package io.fathom.cli.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.http.Json;
import io.fathom.cli.runtime.BaseCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fathom intelligence function update <ID> ...}: sends only what is given; variables are
 * merged into the existing ones and {@code --unset-*} removes one.
 */
@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    description = {
      "Update a function; only the options given change.",
      "Variables are merged into the existing ones; --unset-* removes one."
    })
final class FunctionUpdateCommand extends BaseCommand {
  @Mixin FunctionIdOption idOption;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FUNCTION_ID", description = "Function id.")
  String id;

  @Option(
      names = {"-n", "--name"},
      paramLabel = "NAME",
      description = "New name.")
  String name;

  @Option(
      names = {"-d", "--description"},
      paramLabel = "DESC",
      description = "New description.")
  String description;

  @Option(
      names = {"-s", "--serving-size"},
      paramLabel = "SIZE",
      completionCandidates = Choices.Sizes.class,
      description = "Computational resources: ${COMPLETION-CANDIDATES}.")
  String servingSize;

  @Option(
      names = "--serving-gpu",
      paramLabel = "GPU",
      completionCandidates = Choices.GpusOrNone.class,
      description = "GPU to attach, or none to detach: ${COMPLETION-CANDIDATES}.")
  String servingGpu;

  @Option(names = "--serving-timeout", paramLabel = "SECONDS", description = "Call timeout.")
  Integer servingTimeout;

  @Option(
      names = "--serving-env",
      paramLabel = "KEY=VALUE",
      converter = KeyValue.Converter.class,
      description = "Set a service variable (repeatable).")
  List<KeyValue> servingEnv = new ArrayList<>();

  @Option(
      names = "--unset-serving-env",
      paramLabel = "KEY",
      converter = KeyValue.NameConverter.class,
      description = "Remove a service variable (repeatable).")
  List<String> unsetServingEnv = new ArrayList<>();

  @Option(
      names = "--serving-secret",
      paramLabel = "KEY=VALUE",
      converter = KeyValue.Converter.class,
      description = "Set a secret service variable (repeatable).")
  List<KeyValue> servingSecrets = new ArrayList<>();

  @Option(
      names = "--unset-serving-secret",
      paramLabel = "KEY",
      converter = KeyValue.NameConverter.class,
      description = "Remove a secret service variable (repeatable).")
  List<String> unsetServingSecrets = new ArrayList<>();

  @Option(
      names = "--build-env",
      paramLabel = "KEY=VALUE",
      converter = KeyValue.Converter.class,
      description = "Set a build variable (repeatable).")
  List<KeyValue> buildEnv = new ArrayList<>();

  @Option(
      names = "--unset-build-env",
      paramLabel = "KEY",
      converter = KeyValue.NameConverter.class,
      description = "Remove a build variable (repeatable).")
  List<String> unsetBuildEnv = new ArrayList<>();

  @Option(
      names = "--schema-input",
      paramLabel = "JSON",
      converter = JsonArgument.Converter.class,
      description = "New request JSON schema: inline JSON or @file.")
  JsonNode schemaInput;

  @Option(
      names = "--schema-output",
      paramLabel = "JSON",
      converter = JsonArgument.Converter.class,
      description = "New response JSON schema: inline JSON or @file.")
  JsonNode schemaOutput;

  @Override
  protected void execute() {
    String functionId = idOption.resolve(id);
    ObjectNode patch = patch();
    if (patch.isEmpty()) {
      throw usageError("nothing to update: give at least one option, see --help");
    }
    ApiResponse updated = new FunctionsApi(session().api()).update(functionId, patch);
    printer()
        .print(
            updated.data(),
            () -> FunctionView.details(updated.data(FunctionInfo.class), printer().out()));
  }

  ObjectNode patch() {
    if (servingTimeout != null && servingTimeout < 1) {
      throw usageError("--serving-timeout must be 1 or more seconds, but was " + servingTimeout);
    }
    ObjectNode patch = Json.object();
    if (name != null) {
      patch.put("name", name);
    }
    if (description != null) {
      patch.put("description", description);
    }
    ObjectNode serving = Json.object();
    if (servingSize != null) {
      serving.put("size", servingSize);
    }
    if (servingGpu != null) {
      serving.put("gpu", servingGpu);
    }
    if (servingTimeout != null) {
      serving.put("timeoutSeconds", servingTimeout);
    }
    if (!serving.isEmpty()) {
      patch.set("serving", serving);
    }
    putChanges(patch, "buildEnv", "--build-env", buildEnv, unsetBuildEnv);
    putChanges(patch, "servingEnv", "--serving-env", servingEnv, unsetServingEnv);
    putChanges(patch, "servingSecrets", "--serving-secret", servingSecrets, unsetServingSecrets);
    if (schemaInput != null || schemaOutput != null) {
      ObjectNode schema = patch.putObject("schema");
      if (schemaInput != null) {
        schema.set("input", schemaInput);
      }
      if (schemaOutput != null) {
        schema.set("output", schemaOutput);
      }
    }
    return patch;
  }

  /** Sets become values, unsets become JSON nulls; a key both set and unset is an error. */
  private void putChanges(
      ObjectNode patch, String field, String option, List<KeyValue> sets, List<String> unsets) {
    Map<String, String> values = KeyValue.toMap(sets);
    ObjectNode changes = KeyValue.toObject(values);
    for (String key : unsets) {
      if (values.containsKey(key)) {
        throw usageError(key + " is both set with " + option + " and unset: choose one");
      }
      changes.putNull(key);
    }
    if (!changes.isEmpty()) {
      patch.set(field, changes);
    }
  }
}
