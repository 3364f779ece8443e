package io.fathom.builder.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import io.fathom.builder.api.BuildException;
import io.fathom.scaffolds.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The function's {@code schema.input} / {@code schema.output} from {@code func.yaml}, as files in
 * the image ({@value #INPUT_FILE}, {@value #OUTPUT_FILE}) in a small {@code schema} layer right on
 * the base image, with the variables every runtime reads ({@code FATHOM_INPUT_SCHEMA_FILE}, {@code
 * FATHOM_OUTPUT_SCHEMA_FILE}) naming them. Every kind gets this the same way, so each runtime
 * validates against the schemas its function declares without being told at deploy time.
 */
final class SchemaFiles {
  static final AbsoluteUnixPath DIR = AbsoluteUnixPath.get("/fathom/schema");
  static final String INPUT_FILE = "/fathom/schema/input.json";
  static final String OUTPUT_FILE = "/fathom/schema/output.json";
  static final String INPUT_ENV = "FATHOM_INPUT_SCHEMA_FILE";
  static final String OUTPUT_ENV = "FATHOM_OUTPUT_SCHEMA_FILE";

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private SchemaFiles() {}

  /** The plan with the schema layer and variables added; unchanged when there are no schemas. */
  static ImagePlan addTo(ImagePlan plan, Path sourceDir, TreeStager stager, Path cacheDir)
      throws BuildException {
    Optional<Manifest> manifest = FunctionManifest.read(sourceDir);
    JsonNode input = manifest.map(Manifest::schemaInput).orElse(null);
    JsonNode output = manifest.map(Manifest::schemaOutput).orElse(null);
    if (input == null && output == null) {
      return plan;
    }
    Path tmp;
    try {
      tmp = Files.createTempDirectory(Files.createDirectories(cacheDir), ".schema-");
    } catch (IOException e) {
      throw new BuildException("cache-unusable", "Cannot write under " + cacheDir, e);
    }
    try {
      Map<String, String> env = new LinkedHashMap<>();
      if (input != null) {
        write(tmp.resolve("input.json"), input);
        env.put(INPUT_ENV, INPUT_FILE);
      }
      if (output != null) {
        write(tmp.resolve("output.json"), output);
        env.put(OUTPUT_ENV, OUTPUT_FILE);
      }
      StagedTree staged = stager.stage(tmp);
      // At the bottom: schemas change far less often than source, and a daemon load resends
      // every layer above the first changed one (EngineDockerClient).
      return plan.withBottomLayer(staged.layer("schema", DIR)).withEnvironment(env);
    } catch (IOException e) {
      throw new BuildException("cache-unusable", "Cannot write the schema files: " + e, e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static void write(Path file, JsonNode schema) throws IOException {
    // Keys sorted: the same schema always makes the same bytes, so the same layer.
    Object canonical = JSON.treeToValue(schema, Object.class);
    Files.write(file, JSON.writeValueAsBytes(canonical));
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // a leftover temp dir only costs disk
    }
  }
}
