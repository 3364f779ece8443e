package io.fathom.cli.output;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Left-aligned columns under upper-case headers; a null value shows as {@code -}. {@link #grid()}
 * switches to the {@code a | b} layout with a {@code --+--} rule under the headers, the one the
 * platform's documentation shows for ML deployments.
 */
public final class Table {
  private static final String GAP = "   ";
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();
  private boolean grid;

  private Table(List<String> headers) {
    this.headers = headers;
  }

  public static Table withColumns(String... headers) {
    return new Table(List.of(headers));
  }

  /** Prints as {@code id | name}, a {@code ---+---} rule, then the rows. */
  public Table grid() {
    this.grid = true;
    return this;
  }

  public Table row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells for " + headers.size() + " columns");
    }
    rows.add(Arrays.stream(cells).map(Table::cell).toList());
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public void print(PrintStream out) {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    String gap = grid ? " | " : GAP;
    out.println(line(headers, widths, gap));
    if (grid) {
      out.println(rule(widths));
    }
    for (List<String> row : rows) {
      out.println(line(row, widths, gap));
    }
  }

  private static String line(List<String> cells, int[] widths, String gap) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      line.append(cell);
      if (i < cells.size() - 1) {
        line.append(" ".repeat(widths[i] - cell.length())).append(gap);
      }
    }
    return line.toString().stripTrailing();
  }

  private static String rule(int[] widths) {
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
    }
    return rule.toString();
  }

  private static String cell(Object value) {
    if (value == null) {
      return "-";
    }
    return value.toString().replace('\n', ' ');
  }
}
