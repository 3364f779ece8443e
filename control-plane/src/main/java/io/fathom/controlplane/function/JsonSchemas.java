package io.fathom.controlplane.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import io.fathom.controlplane.common.ApiException;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks that a document is a valid JSON Schema (draft 2020-12 unless it names another draft in
 * {@code $schema}), using networknt's validator against the draft's meta-schema.
 */
@Singleton
public class JsonSchemas {
  public static final int MAX_CHARS = 256 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Returns the schema as compact JSON text, or throws a 400 that says what is wrong. */
  public String check(String field, String schemaJson) {
    if (schemaJson.length() > MAX_CHARS) {
      throw ApiException.badRequest(
          "invalid-schema", field + " is larger than " + MAX_CHARS + " characters");
    }
    JsonNode node;
    try {
      node = JSON.readTree(schemaJson);
    } catch (Exception e) {
      throw ApiException.badRequest("invalid-schema", field + " is not JSON");
    }
    if (!node.isObject() && !node.isBoolean()) {
      throw ApiException.badRequest(
          "invalid-schema", field + " must be a JSON Schema object (or a boolean schema)");
    }
    SpecVersion.VersionFlag version = SpecVersion.VersionFlag.V202012;
    if (node.isObject() && node.has("$schema")) {
      try {
        version = SpecVersionDetector.detect(node);
      } catch (Exception e) {
        throw ApiException.badRequest(
            "invalid-schema",
            field + " names an unsupported $schema '" + node.get("$schema").asText() + "'");
      }
    }
    JsonSchema meta =
        JsonSchemaFactory.getInstance(version).getSchema(SchemaLocation.of(version.getId()));
    Set<ValidationMessage> errors = meta.validate(node);
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(
          "invalid-schema",
          field
              + " is not a valid JSON Schema: "
              + errors.stream()
                  .map(ValidationMessage::getMessage)
                  .sorted()
                  .collect(Collectors.joining("; ")));
    }
    try {
      JsonSchemaFactory.getInstance(version).getSchema(node);
    } catch (Exception e) {
      throw ApiException.badRequest(
          "invalid-schema", field + " cannot be compiled: " + e.getMessage());
    }
    return node.toString();
  }
}
