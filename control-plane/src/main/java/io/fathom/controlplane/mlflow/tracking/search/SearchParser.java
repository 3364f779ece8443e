package io.fathom.controlplane.mlflow.tracking.search;

import io.fathom.controlplane.mlflow.MlflowException;
import io.fathom.controlplane.mlflow.tracking.search.Clause.Entity;
import io.fathom.controlplane.mlflow.tracking.search.SearchLexer.Kind;
import io.fathom.controlplane.mlflow.tracking.search.SearchLexer.Token;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses MLflow's search grammar: comparisons joined by {@code AND}; {@code metrics.k > 1}, {@code
 * params.k = 'v'}, {@code tags.k LIKE 'v%'}, {@code attributes.status IN ('A', 'B')}, {@code tags.k
 * IS NULL}; and {@code order_by} entries ({@code metrics.k DESC}).
 */
public final class SearchParser {
  static final Set<String> NUMERIC_OPS = Set.of("=", "!=", ">", ">=", "<", "<=");
  static final Set<String> STRING_OPS = Set.of("=", "!=", "LIKE", "ILIKE", "IN", "NOT IN");
  private static final Map<String, Entity> PREFIXES =
      Map.ofEntries(
          Map.entry("metric", Entity.METRIC),
          Map.entry("metrics", Entity.METRIC),
          Map.entry("param", Entity.PARAM),
          Map.entry("params", Entity.PARAM),
          Map.entry("parameter", Entity.PARAM),
          Map.entry("parameters", Entity.PARAM),
          Map.entry("tag", Entity.TAG),
          Map.entry("tags", Entity.TAG),
          Map.entry("attribute", Entity.ATTRIBUTE),
          Map.entry("attributes", Entity.ATTRIBUTE),
          Map.entry("attr", Entity.ATTRIBUTE),
          Map.entry("run", Entity.ATTRIBUTE),
          Map.entry("dataset", Entity.DATASET),
          Map.entry("datasets", Entity.DATASET));

  private final List<Token> tokens;
  private final @Nullable Entity bare;
  private int pos;

  private SearchParser(String text, @Nullable Entity bare) {
    this.tokens = SearchLexer.tokens(text);
    this.bare = bare;
  }

  /**
   * The clauses of a filter; an empty filter has none. {@code bare} is the entity of a key without
   * a prefix ({@code name} in experiment search), or null where every key needs one.
   */
  public static List<Clause> filter(@Nullable String filter, @Nullable Entity bare) {
    if (filter == null || filter.isBlank()) {
      return List.of();
    }
    return new SearchParser(filter, bare).clauses();
  }

  /** One {@code order_by} entry. */
  public static OrderBy orderBy(String entry, @Nullable Entity bare) {
    SearchParser parser = new SearchParser(entry, bare);
    Token id = parser.expect(Kind.WORD, "a key to order by");
    String[] key = parser.key(id);
    boolean ascending = true;
    if (parser.more()) {
      Token direction = parser.tokens.get(parser.pos++);
      if (direction.isWord("DESC")) {
        ascending = false;
      } else if (!direction.isWord("ASC")) {
        throw MlflowException.invalid(
            "Invalid order_by clause '" + entry + "': the direction is ASC or DESC");
      }
    }
    if (parser.more()) {
      throw MlflowException.invalid("Invalid order_by clause '" + entry + "'");
    }
    return new OrderBy(
        PREFIXES.get(key[0]) == null ? bare : PREFIXES.get(key[0]), key[1], ascending);
  }

  private List<Clause> clauses() {
    List<Clause> out = new ArrayList<>();
    out.add(clause());
    while (more()) {
      Token and = tokens.get(pos++);
      if (!and.isWord("AND")) {
        throw MlflowException.invalid(
            "Invalid filter: expected AND at position "
                + and.at()
                + ", found '"
                + and.text()
                + "' (only AND joins comparisons)");
      }
      out.add(clause());
    }
    return out;
  }

  private Clause clause() {
    Token id =
        expect(Kind.WORD, "a key such as metrics.rmse, params.p, tags.t or attributes.status");
    String[] key = key(id);
    Entity entity = PREFIXES.get(key[0]) == null ? bare : PREFIXES.get(key[0]);
    String op = operator();
    List<Object> values = new ArrayList<>();
    if (!op.endsWith("NULL")) {
      if (op.endsWith("IN")) {
        values.addAll(list());
      } else {
        values.add(value());
      }
    }
    Clause clause = new Clause(entity, key[1], op, values);
    check(clause);
    return clause;
  }

  /** {@code [prefix, key]}; the prefix is empty for a bare key. */
  private String[] key(Token id) {
    String text = id.text();
    int dot = text.indexOf('.');
    String prefix = dot < 0 ? "" : text.substring(0, dot).toLowerCase(Locale.ROOT);
    if (dot >= 0 && PREFIXES.containsKey(prefix)) {
      String key = text.substring(dot + 1);
      if (key.isEmpty()) {
        throw MlflowException.invalid("Invalid key '" + text + "': nothing after the dot");
      }
      return new String[] {prefix, key};
    }
    if (bare == null) {
      throw MlflowException.invalid(
          "Invalid entity type '"
              + (dot < 0 ? text : prefix)
              + "'. Valid prefixes are metrics, params, tags, attributes and datasets");
    }
    return new String[] {"", text};
  }

  private String operator() {
    Token t = next("a comparator");
    if (t.kind() == Kind.OPERATOR) {
      return t.text();
    }
    String word = t.text().toUpperCase(Locale.ROOT);
    switch (word) {
      case "LIKE", "ILIKE", "IN" -> {
        return word;
      }
      case "NOT" -> {
        if (next("IN").isWord("IN")) {
          return "NOT IN";
        }
      }
      case "IS" -> {
        Token n = next("NULL or NOT NULL");
        if (n.isWord("NULL")) {
          return "IS NULL";
        }
        if (n.isWord("NOT") && next("NULL").isWord("NULL")) {
          return "IS NOT NULL";
        }
      }
      default -> {}
    }
    throw MlflowException.invalid("Invalid comparator '" + t.text() + "' at position " + t.at());
  }

  private Object value() {
    Token t = next("a value");
    return switch (t.kind()) {
      case STRING -> t.text();
      case NUMBER -> {
        try {
          yield Double.parseDouble(t.text());
        } catch (NumberFormatException e) {
          throw MlflowException.invalid("Invalid number '" + t.text() + "' at position " + t.at());
        }
      }
      default ->
          throw MlflowException.invalid(
              "Invalid value '" + t.text() + "' at position " + t.at() + ": quote strings");
    };
  }

  private List<Object> list() {
    expect(Kind.LPAREN, "'(' to start the IN list");
    List<Object> values = new ArrayList<>();
    values.add(value());
    while (true) {
      Token t = next("',' or ')'");
      if (t.kind() == Kind.RPAREN) {
        return values;
      }
      if (t.kind() != Kind.COMMA) {
        throw MlflowException.invalid("Expected ',' or ')' at position " + t.at());
      }
      values.add(value());
    }
  }

  private static void check(Clause c) {
    boolean number =
        !c.values().isEmpty() && c.values().stream().allMatch(v -> v instanceof Double);
    boolean text = c.values().stream().allMatch(v -> v instanceof String);
    switch (c.entity()) {
      case METRIC -> {
        if (!NUMERIC_OPS.contains(c.operator()) || !number) {
          throw MlflowException.invalid(
              "Invalid comparison for metric '"
                  + c.key()
                  + "': use one of = != > >= < <= with a"
                  + " number, got '"
                  + c.operator()
                  + "'");
        }
      }
      case PARAM, TAG, DATASET -> {
        if (!(STRING_OPS.contains(c.operator()) || c.operator().endsWith("NULL")) || !text) {
          throw MlflowException.invalid(
              "Invalid comparison for "
                  + c.entity().name().toLowerCase(Locale.ROOT)
                  + " '"
                  + c.key()
                  + "': use one of = != LIKE ILIKE IN with a quoted string, got '"
                  + c.operator()
                  + "'");
        }
      }
      case ATTRIBUTE -> {}
    }
  }

  private boolean more() {
    return pos < tokens.size();
  }

  private Token next(String wanted) {
    if (!more()) {
      throw MlflowException.invalid("Invalid filter: expected " + wanted + " at the end");
    }
    return tokens.get(pos++);
  }

  private Token expect(Kind kind, String wanted) {
    Token t = next(wanted);
    if (t.kind() != kind) {
      throw MlflowException.invalid(
          "Invalid filter: expected "
              + wanted
              + " at position "
              + t.at()
              + ", found '"
              + t.text()
              + "'");
    }
    return t;
  }
}
