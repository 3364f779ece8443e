package io.fathom.cli.output;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** Labelled lines, one value per line, labels aligned: for a single object. */
public final class Details {
  private final Map<String, String> lines = new LinkedHashMap<>();

  public Details add(String label, Object value) {
    lines.put(label, value == null || value.toString().isEmpty() ? "-" : value.toString());
    return this;
  }

  public void print(PrintStream out) {
    int width = lines.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
    lines.forEach(
        (label, value) ->
            out.println(label + ":" + " ".repeat(width - label.length() + 1) + value));
  }
}
