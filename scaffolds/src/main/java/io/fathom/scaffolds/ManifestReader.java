package io.fathom.scaffolds;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code func.yaml}: YAML → tree → checked against {@code fathom/func.schema.json} (the
 * manifest's JSON Schema, shipped in this jar) → {@link Manifest}. Errors name the field and line.
 */
public final class ManifestReader {
  /** Classpath location of the manifest's JSON Schema. */
  public static final String SCHEMA_RESOURCE = "fathom/func.schema.json";

  private static final JsonSchema SCHEMA = loadSchema();

  private ManifestReader() {}

  public static Manifest read(String yaml) throws ManifestException {
    YamlTree.Parsed parsed = YamlTree.parse(yaml);
    if (!parsed.root().isObject()) {
      throw new ManifestException(
          "", 1, "must be a mapping of fields (specVersion, name, kind, …)");
    }
    Set<ValidationMessage> errors = SCHEMA.validate(parsed.root());
    if (!errors.isEmpty()) {
      ValidationMessage first =
          errors.stream()
              .min(Comparator.comparing(m -> m.getInstanceLocation().toString()))
              .orElseThrow();
      String field = field(first);
      throw new ManifestException(field, parsed.lines().getOrDefault(field, 0), describe(first));
    }
    return toManifest(parsed.root());
  }

  private static Manifest toManifest(JsonNode root) {
    JsonNode serving = root.path("serving");
    JsonNode schema = root.path("schema");
    return new Manifest(
        root.get("specVersion").asText(),
        root.get("name").asText(),
        root.get("kind").asText(),
        root.path("description").asText(""),
        new Manifest.Serving(
            textOrNull(serving.get("size")),
            textOrNull(serving.get("gpu")),
            serving.hasNonNull("timeoutSeconds") ? serving.get("timeoutSeconds").asInt() : null),
        env(root.get("buildEnv")),
        env(root.get("servingEnv")),
        nullIfMissing(schema.get("input")),
        nullIfMissing(schema.get("output")),
        textOrNull(root.get("entryPoint")));
  }

  private static Map<String, String> env(JsonNode node) {
    Map<String, String> env = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    }
    return env;
  }

  private static String textOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  private static JsonNode nullIfMissing(JsonNode node) {
    return node == null || node.isNull() ? null : node;
  }

  /** The dotted path of the field a message is about ({@code serving.size}). */
  private static String field(ValidationMessage message) {
    String location = message.getInstanceLocation().toString();
    String path = location.startsWith("$") ? location.substring(1) : location;
    if (path.startsWith(".")) {
      path = path.substring(1);
    }
    if ("required".equals(message.getType()) || "additionalProperties".equals(message.getType())) {
      String property = message.getProperty();
      if (property != null) {
        return path.isEmpty() ? property : path + "." + property;
      }
    }
    return path;
  }

  private static String describe(ValidationMessage message) {
    return switch (message.getType()) {
      case "required" -> "is required";
      case "additionalProperties" ->
          "is not a known field (known: specVersion, name, kind, description, serving, buildEnv,"
              + " servingEnv, schema, entryPoint)";
      default -> stripLocation(message.getMessage());
    };
  }

  private static String stripLocation(String text) {
    int colon = text.indexOf(": ");
    return text.startsWith("$") && colon > 0 ? text.substring(colon + 2) : text;
  }

  private static JsonSchema loadSchema() {
    try (InputStream in =
        ManifestReader.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the classpath");
      }
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
