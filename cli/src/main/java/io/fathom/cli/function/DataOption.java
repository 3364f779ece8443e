package io.fathom.cli.function;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.cli.error.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --data JSON|-|@file}: a request body given inline, on standard input ({@code -}, as in
 * {@code echo '{}' | fathom … --data -}) or from a file. It is parsed before anything is sent, so
 * bad JSON fails with its line and column and no request is made.
 */
public final class DataOption {
  @Option(
      names = "--data",
      paramLabel = "JSON",
      description = "Input JSON: inline, @file, or - for standard input.")
  String data;

  /**
   * The parsed value; {@code fallback} (JSON text) when the option is absent, an error when absent
   * and {@code fallback} is null.
   */
  public JsonNode json(InputStream stdin, String fallback) {
    String value = data == null ? fallback : data;
    if (value == null) {
      throw new CliException(
          "missing-data", "--data is required: give inline JSON, @file, or - for standard input");
    }
    try {
      if ("-".equals(value)) {
        return parseStdin(stdin);
      }
      return JsonArgument.parse(value, Path.of("").toAbsolutePath());
    } catch (IllegalArgumentException e) {
      throw new CliException("invalid-data", "--data: " + e.getMessage());
    }
  }

  private static JsonNode parseStdin(InputStream stdin) {
    String text;
    try {
      text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("io-error", "cannot read standard input: " + e.getMessage());
    }
    return JsonArgument.parseText(text, "standard input");
  }
}
