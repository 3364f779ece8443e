package io.fathom.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.cli.http.Json;
import io.fathom.cli.http.Pagination;
import java.io.PrintStream;
import java.util.Optional;

/** Writes results to standard output in the chosen {@link OutputFormat}. */
public final class Printer {
  private final PrintStream out;
  private final OutputFormat format;

  public Printer(PrintStream out, OutputFormat format) {
    this.out = out;
    this.format = format;
  }

  public boolean isJson() {
    return format == OutputFormat.JSON;
  }

  public PrintStream out() {
    return out;
  }

  /** Prints {@code data} as pretty JSON in JSON mode, else runs {@code table}. */
  public void print(JsonNode data, Runnable table) {
    if (isJson()) {
      json(data);
    } else {
      table.run();
    }
  }

  public void json(JsonNode data) {
    out.println(Json.pretty(data));
  }

  public void line(String text) {
    out.println(text);
  }

  /**
   * Prints a list: the table, or {@code No <noun> found.} when it is empty, then the page position
   * when there is more than one page.
   */
  public void list(Table table, Optional<Pagination> pagination, String noun) {
    if (table.isEmpty()) {
      out.println("No " + noun + " found.");
    } else {
      table.print(out);
    }
    pagination
        .filter(p -> p.totalPages() > 1)
        .ifPresent(
            p ->
                out.println(
                    "Page "
                        + p.pageNumber()
                        + " of "
                        + p.totalPages()
                        + " ("
                        + p.totalElements()
                        + " "
                        + noun
                        + "); see --page and --page-size"));
  }
}
