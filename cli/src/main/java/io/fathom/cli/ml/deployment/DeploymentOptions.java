package io.fathom.cli.ml.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fathom.cli.http.Json;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options {@code deployment create logged-model} and {@code hugging-face} share. */
final class DeploymentOptions {
  @Option(
      names = "--model-id",
      required = true,
      paramLabel = "ID",
      description = "The model to serve.")
  String modelId;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description = "A unique name for the deployment.")
  String name;

  @Option(
      names = "--description",
      required = true,
      paramLabel = "DESC",
      description = "What the deployment is for.")
  String description;

  @Option(
      names = {"-s", "--serving-size"},
      paramLabel = "SIZE",
      defaultValue = "small",
      description = "Resource tier: small (default), large, large-high-mem or extra-large.")
  String servingSize;

  @Option(
      names = "--serving-gpu",
      paramLabel = "GPU",
      description = "Attach a GPU: nvidia-l4 or nvidia-l4-2x.")
  String servingGpu;

  @Option(
      names = "--tag",
      paramLabel = "KEY[=VALUE]",
      converter = Tag.Converter.class,
      description = "Tag the deployment (repeatable); a bare KEY has an empty value.")
  List<Tag> tags = new ArrayList<>();

  /** The create request: {@code {model: {kind, modelId}, name, description, serving, tags}}. */
  ObjectNode body(String kind) {
    ObjectNode body = Json.object();
    body.putObject("model").put("kind", kind).put("modelId", modelId);
    body.put("name", name).put("description", description);
    ObjectNode serving = body.putObject("serving").put("size", servingSize);
    if (servingGpu != null) {
      serving.put("gpu", servingGpu);
    }
    if (!tags.isEmpty()) {
      ObjectNode tagMap = body.putObject("tags");
      tags.forEach(t -> tagMap.put(t.key(), t.value()));
    }
    return body;
  }
}
