package io.fathom.cli.build;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.function.Consumer;

/** Prints build log lines: the text, prefixed by the line's timestamp with {@code --time}. */
final class LogPrinter implements Consumer<JsonNode> {
  private final PrintStream out;
  private final boolean time;

  LogPrinter(PrintStream out, boolean time) {
    this.out = out;
    this.time = time;
  }

  @Override
  public void accept(JsonNode line) {
    String text = line.path("line").asText("");
    out.println(time ? line.path("ts").asText("") + " " + text : text);
    out.flush();
  }
}
