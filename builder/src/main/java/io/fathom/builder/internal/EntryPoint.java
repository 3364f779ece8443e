package io.fathom.builder.internal;

import io.fathom.builder.api.BuildException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A jvm21 function's {@code entryPoint} in {@code func.yaml}: the fully qualified name of the class
 * that implements {@code io.fathom.runtime.sdk.Function}, which the host loads ({@code
 * FATHOM_FUNCTION_CLASS}). Read from the top-level {@code entryPoint:} line, as the template's
 * scaffolding does (quotes and a trailing comment allowed), so that no YAML library is needed.
 */
record EntryPoint(String className) {
  private static final Pattern CLASS_NAME =
      Pattern.compile(
          "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
              + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*");
  private static final Pattern LINE = Pattern.compile("^entryPoint:(.*)$");

  EntryPoint {
    if (className == null || !CLASS_NAME.matcher(className).matches()) {
      throw new IllegalArgumentException("not a Java class name: " + className);
    }
  }

  /**
   * The entry point of the function in {@code sourceDir}.
   *
   * @throws BuildException {@code missing-entry-point} when {@code func.yaml} or its {@code
   *     entryPoint} is missing, {@code invalid-entry-point} when it is not a class name
   */
  static EntryPoint fromFuncYaml(Path sourceDir) throws BuildException {
    Path funcYaml = sourceDir.resolve("func.yaml");
    if (!Files.isRegularFile(funcYaml)) {
      throw new BuildException(
          "missing-entry-point",
          "A jvm21 function needs a func.yaml with entryPoint (the class that implements"
              + " io.fathom.runtime.sdk.Function) at the root of its source tree.");
    }
    String text;
    try {
      text = Files.readString(funcYaml);
    } catch (IOException e) {
      throw new BuildException("source-unreadable", "Cannot read func.yaml: " + e.getMessage(), e);
    }
    for (String line : text.split("\\R")) {
      var match = LINE.matcher(line);
      if (!match.matches()) {
        continue;
      }
      String value = match.group(1);
      int comment = value.indexOf('#');
      if (comment >= 0) {
        value = value.substring(0, comment);
      }
      value = value.strip();
      if (value.length() >= 2
          && (value.startsWith("\"") && value.endsWith("\"")
              || value.startsWith("'") && value.endsWith("'"))) {
        value = value.substring(1, value.length() - 1).strip();
      }
      if (value.isEmpty()) {
        break;
      }
      if (!CLASS_NAME.matcher(value).matches()) {
        throw new BuildException(
            "invalid-entry-point",
            "func.yaml's entryPoint \""
                + value
                + "\" is not a fully qualified Java class name (e.g."
                + " com.example.function.Handler).");
      }
      return new EntryPoint(value);
    }
    throw new BuildException(
        "missing-entry-point",
        "func.yaml has no entryPoint: name the class that implements"
            + " io.fathom.runtime.sdk.Function (e.g. entryPoint: com.example.function.Handler).");
  }
}
