package io.fathom.cli.function;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.cli.output.Details;
import io.fathom.cli.output.Formats;
import io.fathom.cli.output.Table;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How functions and revisions look in table output. */
final class FunctionView {
  private FunctionView() {}

  static Table table(List<FunctionInfo> functions) {
    Table table =
        Table.withColumns("ID", "NAME", "KIND", "SIZE", "GPU", "TIMEOUT", "REVISION", "CREATED");
    for (FunctionInfo f : functions) {
      Integer timeout = f.serving().timeoutSeconds();
      table.row(
          f.id(),
          f.name(),
          f.kind(),
          f.serving().size(),
          f.serving().gpu(),
          timeout == null ? null : timeout + "s",
          f.latestRevision(),
          Formats.time(f.createdAt()));
    }
    return table;
  }

  /** The table row, then the description, variables, schema and update time. */
  static void details(FunctionInfo f, PrintStream out) {
    table(List.of(f)).print(out);
    out.println();
    new Details()
        .add("Description", f.description())
        .add("Build env", pairs(f.buildEnv()))
        .add("Serving env", pairs(f.servingEnv()))
        .add("Serving secrets", pairs(f.servingSecrets()))
        .add("Schema input", json(f.schema().input()))
        .add("Schema output", json(f.schema().output()))
        .add("Updated", Formats.time(f.updatedAt()))
        .print(out);
  }

  static Table revisions(List<Revision> revisions) {
    Table table = Table.withColumns("REVISION", "DIGEST", "FILES", "SIZE", "CREATED");
    for (Revision r : revisions) {
      table.row(
          r.revision(),
          shortDigest(r.digest()),
          r.fileCount(),
          Formats.bytes(r.sizeBytes()),
          Formats.time(r.createdAt()));
    }
    return table;
  }

  /** {@code sha256:} and the first 12 hex digits; {@code --output json} shows the full digest. */
  static String shortDigest(String digest) {
    if (digest == null) {
      return null;
    }
    int colon = digest.indexOf(':');
    int end = Math.min(digest.length(), colon + 1 + 12);
    return digest.substring(0, end);
  }

  private static String pairs(Map<String, String> map) {
    return map.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String json(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : node.toString();
  }
}
