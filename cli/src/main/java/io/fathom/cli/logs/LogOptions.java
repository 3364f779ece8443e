package io.fathom.cli.logs;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.cli.output.LogPrinter;
import io.fathom.cli.output.Printer;
import io.fathom.cli.runtime.Session;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every runtime log command takes ({@code --watch}, {@code --since}, {@code --tail},
 * {@code --time}) and the printing of the NDJSON stream: the text of each line, or with {@code
 * --output json} the stream's objects as they are, one per line.
 */
public final class LogOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--watch", description = "Follow the logs as they are written (Ctrl-C stops).")
  boolean watch;

  @Option(
      names = "--since",
      paramLabel = "ISO-8601",
      description = "Only lines written at or after this time, e.g. 2026-01-02T03:04:05Z.")
  String since;

  @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines (then follow).")
  Integer tail;

  @Option(names = "--time", description = "Prefix each line with its timestamp.")
  boolean time;

  /** Streams {@code path} with these options and {@code filters} as the query, and prints it. */
  public void print(Session session, String path, Map<String, String> filters) {
    if (tail != null && tail < 0) {
      throw new ParameterException(
          mixee.commandLine(), "--tail must be 0 or more, but was " + tail);
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("follow", Boolean.toString(watch));
    query.putAll(filters);
    if (since != null) {
      query.put("since", since);
    }
    if (tail != null) {
      query.put("tail", tail.toString());
    }
    Printer printer = session.printer();
    PrintStream out = session.out();
    Consumer<JsonNode> lines =
        printer.isJson()
            ? line -> {
              out.println(line.toString());
              out.flush();
            }
            : new LogPrinter(out, time);
    session.api().stream(path, query, lines);
  }
}
