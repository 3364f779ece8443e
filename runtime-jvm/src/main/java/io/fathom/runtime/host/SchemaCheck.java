package io.fathom.runtime.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One JSON Schema (the function's input or output schema), loaded at start-up. Draft 2020-12 unless
 * the schema names another draft in {@code $schema}. {@link #none()} accepts everything.
 */
public final class SchemaCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonSchema schema;

  private SchemaCheck(JsonSchema schema) {
    this.schema = schema;
  }

  /** A check that accepts every document (no schema configured). */
  public static SchemaCheck none() {
    return new SchemaCheck(null);
  }

  /** The schema in {@code file}, or {@link #none()}; {@code variable} names it in errors. */
  public static SchemaCheck load(String variable, Optional<Path> file) {
    return file.map(path -> new SchemaCheck(compile(variable, path))).orElseGet(SchemaCheck::none);
  }

  /** Why {@code document} fails the schema (the validator's messages, sorted), or empty. */
  public Optional<String> violations(JsonNode document) {
    if (schema == null) {
      return Optional.empty();
    }
    Set<ValidationMessage> errors = schema.validate(document);
    if (errors.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        errors.stream()
            .map(ValidationMessage::getMessage)
            .sorted()
            .collect(Collectors.joining("; ")));
  }

  private static JsonSchema compile(String variable, Path path) {
    JsonNode node;
    try {
      node = JSON.readTree(path.toFile());
    } catch (IOException e) {
      throw new StartupException(
          variable + " names " + path + ", which cannot be read as JSON: " + e.getMessage(), e);
    }
    if (node == null || !(node.isObject() || node.isBoolean())) {
      throw new StartupException(
          variable + " names " + path + ", which is not a JSON Schema (an object or a boolean)");
    }
    SpecVersion.VersionFlag version = SpecVersion.VersionFlag.V202012;
    if (node.isObject() && node.has("$schema")) {
      try {
        version = SpecVersionDetector.detect(node);
      } catch (RuntimeException e) {
        throw new StartupException(
            variable
                + " names "
                + path
                + ", whose $schema is not a supported draft: "
                + node.get("$schema"),
            e);
      }
    }
    try {
      return JsonSchemaFactory.getInstance(version).getSchema(node);
    } catch (RuntimeException e) {
      throw new StartupException(
          variable + " names " + path + ", which is not a valid JSON Schema: " + e.getMessage(), e);
    }
  }
}
