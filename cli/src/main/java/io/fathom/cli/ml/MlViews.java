package io.fathom.cli.ml;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.cli.http.Json;
import io.fathom.cli.output.Details;
import io.fathom.cli.output.Formats;
import io.fathom.cli.output.Table;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How logged models, experiments and runs look in table output. */
final class MlViews {
  private MlViews() {}

  static Table models(JsonNode items) {
    Table table = Table.withColumns("ID", "NAME", "KIND", "STATUS", "SIZE", "RUN", "CREATED");
    for (JsonNode m : items) {
      table.row(
          text(m, "id"),
          text(m, "name"),
          text(m, "kind"),
          text(m, "status"),
          m.hasNonNull("modelSize") ? Formats.bytes(m.get("modelSize").asLong()) : null,
          text(m, "runId"),
          Formats.time(text(m, "createdAt")));
    }
    return table;
  }

  /** The table row, then the tags, schema and update time. */
  static void model(JsonNode m, PrintStream out) {
    models(Json.MAPPER.createArrayNode().add(m)).print(out);
    out.println();
    JsonNode schema = m.path("schema");
    new Details()
        .add("Tags", tags(m.path("tags")))
        .add("Schema input", schema.has("input") ? schema.get("input").toString() : null)
        .add("Schema output", schema.has("output") ? schema.get("output").toString() : null)
        .add("Updated", Formats.time(text(m, "updatedAt")))
        .print(out);
  }

  static Table experiments(JsonNode items) {
    Table table = Table.withColumns("ID", "NAME", "REMOTE ID", "TAGS", "CREATED");
    for (JsonNode e : items) {
      table.row(
          text(e, "id"),
          text(e, "name"),
          text(e, "remoteId"),
          tags(e.path("tags")),
          Formats.time(text(e, "createdAt")));
    }
    return table;
  }

  static Table runs(JsonNode items) {
    Table table = Table.withColumns("ID", "NAME", "STATUS", "METRICS", "PARAMETERS", "CREATED");
    for (JsonNode r : items) {
      table.row(
          text(r, "id"),
          text(r, "name"),
          text(r, "status"),
          pairs(r.path("metrics")),
          pairs(r.path("parameters")),
          Formats.time(text(r, "createdAt")));
    }
    return table;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** {@code key=value, …} of a tag list; null when empty. */
  private static String tags(JsonNode tags) {
    List<String> pairs = new ArrayList<>();
    for (JsonNode tag : tags) {
      pairs.add(
          tag.path("key").asText()
              + (tag.hasNonNull("value") ? "=" + tag.get("value").asText() : ""));
    }
    return pairs.isEmpty() ? null : String.join(", ", pairs);
  }

  /** {@code key=value, …} of an object; null when empty. */
  private static String pairs(JsonNode object) {
    List<String> pairs = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      pairs.add(
          e.getKey() + "=" + (e.getValue().isValueNode() ? e.getValue().asText() : e.getValue()));
    }
    return pairs.isEmpty() ? null : String.join(", ", pairs);
  }
}
