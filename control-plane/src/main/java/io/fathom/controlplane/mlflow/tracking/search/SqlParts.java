package io.fathom.controlplane.mlflow.tracking.search;

import io.fathom.controlplane.mlflow.MlflowException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SQL fragments for comparisons. Column names come from this package's constants; values are always
 * bound parameters.
 */
final class SqlParts {
  private SqlParts() {}

  /** An attribute a filter or order may name, and its column. */
  record Attribute(String name, String column, boolean numeric) {}

  static Map<String, Attribute> attributes(Attribute... all) {
    Map<String, Attribute> out = new TreeMap<>();
    for (Attribute a : all) {
      out.put(a.name(), a);
    }
    return Collections.unmodifiableMap(out);
  }

  static Attribute attribute(Map<String, Attribute> known, String key) {
    Attribute a = known.get(key);
    if (a == null) {
      throw MlflowException.invalid(
          "Invalid attribute key '"
              + key
              + "'. Valid attributes are "
              + String.join(", ", known.keySet()));
    }
    return a;
  }

  /** An attribute comparison: numbers with numeric operators, text with text operators. */
  static String attribute(Attribute a, Clause c, List<Object> params) {
    if (a.numeric()) {
      if (!SearchParser.NUMERIC_OPS.contains(c.operator())
          || c.values().size() != 1
          || !(c.value() instanceof Double d)) {
        throw MlflowException.invalid(
            "Invalid comparison for attribute '"
                + a.name()
                + "': use one of = != > >= < <= with"
                + " a number, got '"
                + c.operator()
                + "'");
      }
      params.add(d.longValue());
      return a.column() + " " + sqlOperator(c.operator()) + " ?";
    }
    if (!SearchParser.STRING_OPS.contains(c.operator())
        || !c.values().stream().allMatch(v -> v instanceof String)) {
      throw MlflowException.invalid(
          "Invalid comparison for attribute '"
              + a.name()
              + "': use one of = != LIKE ILIKE IN"
              + " NOT IN with quoted strings, got '"
              + c.operator()
              + "'");
    }
    return text(a.column(), c, params);
  }

  /** A text comparison ({@code =}, {@code !=}, {@code LIKE}, {@code ILIKE}, {@code [NOT] IN}). */
  static String text(String column, Clause c, List<Object> params) {
    params.addAll(c.values());
    return switch (c.operator()) {
      case "=" -> column + " = ?";
      case "!=" -> column + " <> ?";
      case "LIKE" -> column + " LIKE ?";
      case "ILIKE" -> "LOWER(" + column + ") LIKE LOWER(?)";
      case "IN" -> column + " IN (" + placeholders(c.values().size()) + ")";
      case "NOT IN" -> column + " NOT IN (" + placeholders(c.values().size()) + ")";
      default -> throw MlflowException.invalid("Invalid comparator '" + c.operator() + "'");
    };
  }

  /** A key/value table row of the current entity matching the clause: tags, params. */
  static String keyValue(
      String table, String owner, String ownerColumn, Clause c, List<Object> params) {
    String head =
        "SELECT 1 FROM "
            + table
            + " kv WHERE kv."
            + ownerColumn
            + " = "
            + owner
            + " AND kv.\"key\" = ?";
    params.add(c.key());
    return switch (c.operator()) {
      case "IS NULL" -> "NOT EXISTS (" + head + ")";
      case "IS NOT NULL" -> "EXISTS (" + head + ")";
      default -> "EXISTS (" + head + " AND " + text("kv.\"value\"", c, params) + ")";
    };
  }

  static String sqlOperator(String op) {
    return op.equals("!=") ? "<>" : op;
  }

  static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  /** {@code column} in order, nulls last in both directions (as MLflow sorts). */
  static String order(String expression, boolean ascending) {
    return "CASE WHEN "
        + expression
        + " IS NULL THEN 1 ELSE 0 END, "
        + expression
        + (ascending ? " ASC" : " DESC");
  }
}
