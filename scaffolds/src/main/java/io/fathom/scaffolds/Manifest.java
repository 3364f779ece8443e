package io.fathom.scaffolds;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * A validated {@code func.yaml}: the function's blueprint as its source tree declares it.
 *
 * @param serving size, GPU and timeout; absent fields are null
 * @param schemaInput the input JSON Schema, or null
 * @param schemaOutput the output JSON Schema, or null
 */
public record Manifest(
    String specVersion,
    String name,
    String kind,
    String description,
    Serving serving,
    Map<String, String> buildEnv,
    Map<String, String> servingEnv,
    JsonNode schemaInput,
    JsonNode schemaOutput,
    String entryPoint) {

  /** The file name, at the root of a function's source tree. */
  public static final String FILE_NAME = "func.yaml";

  public Manifest {
    buildEnv = Map.copyOf(buildEnv);
    servingEnv = Map.copyOf(servingEnv);
  }

  /** Serving settings; each may be null when the manifest leaves it to the platform. */
  public record Serving(String size, String gpu, Integer timeoutSeconds) {}

  public Optional<String> entryPointIfAny() {
    return Optional.ofNullable(entryPoint);
  }
}
