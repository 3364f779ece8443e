package io.fathom.cli.function;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A function as the API returns it; secret values come back masked. */
record FunctionInfo(
    String id,
    String organizationId,
    String projectId,
    String userId,
    String name,
    String description,
    String kind,
    Serving serving,
    Map<String, String> buildEnv,
    Map<String, String> servingEnv,
    Map<String, String> servingSecrets,
    Schema schema,
    String latestRevision,
    String createdAt,
    String updatedAt) {

  FunctionInfo {
    serving = serving == null ? new Serving(null, null, null) : serving;
    buildEnv = buildEnv == null ? Map.of() : buildEnv;
    servingEnv = servingEnv == null ? Map.of() : servingEnv;
    servingSecrets = servingSecrets == null ? Map.of() : servingSecrets;
    schema = schema == null ? new Schema(null, null) : schema;
  }

  record Serving(String size, String gpu, Integer timeoutSeconds) {}

  record Schema(JsonNode input, JsonNode output) {}
}
