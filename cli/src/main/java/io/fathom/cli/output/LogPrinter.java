package io.fathom.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Prints log lines of an NDJSON stream (builds and function runtimes both send {@code {ts, stream,
 * line, …}}): the text, prefixed by the line's timestamp with {@code --time}. Flushes each line so
 * a followed log shows as it arrives.
 */
public final class LogPrinter implements Consumer<JsonNode> {
  private final PrintStream out;
  private final boolean time;

  public LogPrinter(PrintStream out, boolean time) {
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
