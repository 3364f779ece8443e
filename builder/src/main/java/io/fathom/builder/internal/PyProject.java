package io.fathom.builder.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.fathom.builder.api.BuildException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The parts of a python310 function's {@code pyproject.toml} the builder reads. */
public record PyProject(List<String> dependencies) {
  private static final TomlMapper TOML = new TomlMapper();

  public PyProject {
    dependencies = List.copyOf(dependencies);
  }

  /**
   * Reads {@code pyproject.toml} at the root of the tree.
   *
   * @throws BuildException {@code missing-pyproject} or {@code invalid-pyproject}
   */
  public static PyProject read(Path sourceDir) throws BuildException {
    Path file = sourceDir.resolve("pyproject.toml");
    if (!Files.isRegularFile(file)) {
      throw new BuildException(
          "missing-pyproject",
          "A python310 function needs a pyproject.toml at the root of its source tree (the"
              + " template has one: fathom i function init --kind python310).");
    }
    JsonNode root;
    try {
      root = TOML.readTree(file.toFile());
    } catch (IOException e) {
      throw new BuildException(
          "invalid-pyproject", "pyproject.toml is not valid TOML: " + e.getMessage(), e);
    }
    JsonNode deps = root.path("project").path("dependencies");
    List<String> dependencies = new ArrayList<>();
    if (!deps.isMissingNode()) {
      if (!deps.isArray()) {
        throw new BuildException(
            "invalid-pyproject",
            "pyproject.toml: [project] dependencies must be a list of strings");
      }
      for (JsonNode dep : deps) {
        if (!dep.isTextual() || dep.asText().isBlank()) {
          throw new BuildException(
              "invalid-pyproject",
              "pyproject.toml: [project] dependencies must be a list of strings, found " + dep);
        }
        dependencies.add(dep.asText().trim());
      }
    }
    return new PyProject(dependencies);
  }
}
