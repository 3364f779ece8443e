package io.fathom.controlplane.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Validates call inputs and outputs against a function's JSON Schemas (networknt), compiling each
 * schema text once. The schemas were checked when the function was saved.
 */
@Singleton
public class SchemaValidator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_CACHED = 1000;

  private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

  /** The violations as one message, or empty when the document is valid (or no schema). */
  public Optional<String> violations(String schemaText, JsonNode document) {
    if (schemaText == null) {
      return Optional.empty();
    }
    JsonSchema schema = compiled.get(schemaText);
    if (schema == null) {
      schema = compile(schemaText);
      if (compiled.size() < MAX_CACHED) {
        compiled.put(schemaText, schema);
      }
    }
    var errors = schema.validate(document);
    if (errors.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        errors.stream()
            .map(ValidationMessage::getMessage)
            .sorted()
            .collect(Collectors.joining("; ")));
  }

  private static JsonSchema compile(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      SpecVersion.VersionFlag version =
          node.isObject() && node.has("$schema")
              ? SpecVersionDetector.detect(node)
              : SpecVersion.VersionFlag.V202012;
      return JsonSchemaFactory.getInstance(version).getSchema(node);
    } catch (Exception e) {
      throw new IllegalStateException("A stored schema does not compile: " + e.getMessage(), e);
    }
  }
}
