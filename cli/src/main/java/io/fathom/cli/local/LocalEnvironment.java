package io.fathom.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.cli.http.Json;
import io.fathom.scaffolds.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a local run gets: what a deployment gets (the {@code FATHOM_SDK_*} variables, the
 * manifest's serving env and timeout, the schemas as files), plus {@code PORT}.
 */
final class LocalEnvironment {
  private LocalEnvironment() {}

  static Map<String, String> build(
      Manifest manifest, Path sourceDir, Path workDir, int port, Map<String, String> sdk)
      throws IOException {
    Map<String, String> env = new LinkedHashMap<>(manifest.servingEnv());
    env.putAll(sdk);
    env.put("PORT", Integer.toString(port));
    env.put("FATHOM_FUNCTION_DIR", sourceDir.toAbsolutePath().toString());
    if (manifest.serving().timeoutSeconds() != null) {
      env.put("FATHOM_TIMEOUT_SECONDS", manifest.serving().timeoutSeconds().toString());
    }
    if (manifest.entryPoint() != null) {
      env.put("FATHOM_ENTRY_POINT", manifest.entryPoint());
    }
    schema(
        env,
        "FATHOM_INPUT_SCHEMA_FILE",
        manifest.schemaInput(),
        workDir.resolve("schema-input.json"));
    schema(
        env,
        "FATHOM_OUTPUT_SCHEMA_FILE",
        manifest.schemaOutput(),
        workDir.resolve("schema-output.json"));
    return env;
  }

  private static void schema(Map<String, String> env, String variable, JsonNode schema, Path file)
      throws IOException {
    if (schema == null) {
      Files.deleteIfExists(file);
      return;
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, Json.MAPPER.writeValueAsString(schema));
    env.put(variable, file.toString());
  }
}
