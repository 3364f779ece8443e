package io.fathom.cli.function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.cli.http.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A JSON option value: inline ({@code '{"type":"object"}'}) or read from a file ({@code @f.json}).
 */
public final class JsonArgument {
  private JsonArgument() {}

  /**
   * Parses {@code text}; {@code @path} reads the file at {@code path}, resolved against {@code
   * workingDir} when relative.
   */
  public static JsonNode parse(String text, Path workingDir) {
    String json = text;
    String source = "the value";
    if (text.startsWith("@")) {
      Path file = workingDir.resolve(text.substring(1));
      source = "file " + file;
      try {
        json = Files.readString(file);
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException("no such file: " + file);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
      }
    }
    return parseText(json, source);
  }

  /** Parses {@code json} literally; {@code source} names it in errors ("standard input"). */
  public static JsonNode parseText(String json, String source) {
    try {
      JsonNode node = Json.MAPPER.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new IllegalArgumentException(source + " is empty, expected JSON");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + " is not valid JSON: " + describe(e));
    }
  }

  private static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage().replaceAll("\\s*\\(start marker at .*\\)$", "");
    if (e.getLocation() == null) {
      return message;
    }
    return message
        + " (line "
        + e.getLocation().getLineNr()
        + ", column "
        + e.getLocation().getColumnNr()
        + ")";
  }

  /** Lets picocli report bad JSON as a usage error; relative files resolve against the cwd. */
  public static final class Converter implements ITypeConverter<JsonNode> {
    @Override
    public JsonNode convert(String value) {
      try {
        return parse(value, Path.of("").toAbsolutePath());
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
