package io.fathom.cli.ml.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.cli.http.Json;
import io.fathom.cli.output.Details;
import io.fathom.cli.output.Formats;
import io.fathom.cli.output.Table;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * How model deployments look: the platform documentation's table ({@code id | created_at | name |
 * kind | description | status | state | tags}, times as {@code 2026-03-25 08:06:17.003811 UTC},
 * kind {@code logged-models}, state {@code N/A} until an instance exists) and one deployment's
 * details.
 */
final class ModelDeploymentView {
  private ModelDeploymentView() {}

  static Table table(JsonNode items) {
    Table table =
        Table.withColumns(
                "id", "created_at", "name", "kind", "description", "status", "state", "tags")
            .grid();
    for (JsonNode d : items) {
      table.row(
          text(d, "id"),
          Formats.utc(text(d, "createdAt")),
          text(d, "name"),
          kind(d.path("modelData")),
          text(d, "description"),
          text(d, "status"),
          orNa(d.path("state").path("instance")),
          tags(d.path("tags")));
    }
    return table;
  }

  /** The table row, then the model, serving, runtime state and revisions. */
  static void details(JsonNode d, PrintStream out) {
    table(Json.MAPPER.createArrayNode().add(d)).print(out);
    out.println();
    JsonNode model = d.path("modelData");
    JsonNode serving = d.path("serving");
    JsonNode state = d.path("state");
    new Details()
        .add("Model", text(model, "modelName"))
        .add("Model id", text(model, "modelId"))
        .add("Serving size", text(serving, "size"))
        .add("Serving GPU", text(serving, "gpu"))
        .add("Provider", text(state, "provider"))
        .add("Message", text(state, "message"))
        .add("Running revision", text(d, "runningRevision"))
        .add("Next revision", text(d, "nextRevision"))
        .add("Updated", Formats.utc(text(d, "updatedAt")))
        .print(out);
  }

  /** {@code logged-model} shows as the documentation's {@code logged-models}. */
  static String kind(JsonNode modelData) {
    String kind = text(modelData, "kind");
    return "logged-model".equals(kind) ? "logged-models" : kind;
  }

  /** {@code key} for a tag without a value, else {@code key=value}, joined by commas. */
  static String tags(JsonNode tags) {
    List<String> cells = new ArrayList<>();
    for (JsonNode tag : tags) {
      String value = tag.path("value").asText("");
      cells.add(tag.path("key").asText() + (value.isEmpty() ? "" : "=" + value));
    }
    return String.join(", ", cells);
  }

  private static String orNa(JsonNode value) {
    return value.isMissingNode() || value.isNull() ? "N/A" : value.asText();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
