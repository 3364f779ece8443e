package io.fathom.controlplane.mlflow.registry;

import io.fathom.controlplane.mlflow.MlflowException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MLflow's registry search syntax turned into SQL on table alias {@code t}: clauses joined by
 * {@code AND}, each {@code attribute OP value} with {@code =, !=, LIKE, ILIKE, IN}, and {@code
 * tags.<key>} (also {@code tags.`a key`}); {@code order_by} items {@code field [ASC|DESC]}. Every
 * value is a bound parameter; column names come only from the allow-list.
 */
final class SearchQuery {
  /** A condition, its parameters and the ORDER BY list. */
  record Sql(String condition, List<Object> parameters, String orderBy) {}

  /** What one search may use: attributes to columns, the tag subquery, fields to sort on. */
  record Spec(
      Map<String, String> columns,
      Map<String, String> numeric,
      String tagExists,
      Map<String, String> orderColumns,
      String defaultOrder) {}

  static final Spec MODELS =
      new Spec(
          Map.of("name", "t.name"),
          Map.of(),
          "EXISTS (SELECT 1 FROM mlflow_registered_model_tags g WHERE g.project_id = t.project_id"
              + " AND g.name = t.name AND g.tag_key = ? AND %s)",
          Map.of(
              "name", "t.name",
              "creation_timestamp", "t.creation_time",
              "timestamp", "t.last_updated_time",
              "last_updated_timestamp", "t.last_updated_time"),
          "t.name ASC");

  static final Spec VERSIONS =
      new Spec(
          Map.of("name", "t.name", "run_id", "t.run_id", "source_path", "t.source"),
          Map.of("version_number", "t.version"),
          "EXISTS (SELECT 1 FROM mlflow_model_version_tags g WHERE g.project_id = t.project_id"
              + " AND g.name = t.name AND g.version = t.version AND g.tag_key = ? AND %s)",
          Map.of(
              "name", "t.name",
              "version_number", "t.version",
              "creation_timestamp", "t.creation_time",
              "timestamp", "t.last_updated_time",
              "last_updated_timestamp", "t.last_updated_time"),
          "t.name ASC, t.version DESC");

  private static final Pattern AND =
      Pattern.compile("\\s+(?i:and)\\s+(?=(?:[^'\"]|'[^']*'|\"[^\"]*\")*$)");
  private static final Pattern CLAUSE =
      Pattern.compile(
          "^\\s*(tags\\.`[^`]+`|tags\\.\"[^\"]+\"|[A-Za-z_][\\w.]*)\\s*"
              + "(=|!=|<>|<=|>=|<|>|(?i:not\\s+in)|(?i:ilike)|(?i:like)|(?i:in))\\s*(.+?)\\s*$",
          Pattern.DOTALL);

  private SearchQuery() {}

  static Sql parse(String filter, List<String> orderBy, Spec spec) {
    List<String> conditions = new ArrayList<>();
    List<Object> parameters = new ArrayList<>();
    if (filter != null && !filter.isBlank()) {
      for (String clause : AND.split(filter.strip())) {
        conditions.add(clause(clause, spec, parameters));
      }
    }
    return new Sql(
        conditions.isEmpty() ? "1 = 1" : String.join(" AND ", conditions),
        parameters,
        order(orderBy, spec));
  }

  private static String clause(String clause, Spec spec, List<Object> parameters) {
    Matcher m = CLAUSE.matcher(clause);
    if (!m.matches()) {
      throw MlflowException.invalid("Invalid filter '" + clause + "'");
    }
    String key = m.group(1);
    String op = m.group(2).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    String value = m.group(3);
    if (key.startsWith("tags.")) {
      String tag = unquote(key.substring(5), '`', '"');
      parameters.add(tag);
      return spec.tagExists().formatted(compare("g.tag_value", op, value, parameters, false));
    }
    if (spec.numeric().containsKey(key)) {
      return compare(spec.numeric().get(key), op, value, parameters, true);
    }
    String column = spec.columns().get(key);
    if (column == null) {
      throw MlflowException.invalid(
          "Invalid attribute key '"
              + key
              + "' specified. Valid keys are "
              + spec.columns().keySet().stream().sorted().toList()
              + ", tags.<key>"
              + (spec.numeric().isEmpty() ? "" : " and " + spec.numeric().keySet()));
    }
    return compare(column, op, value, parameters, false);
  }

  private static String compare(
      String column, String op, String value, List<Object> parameters, boolean numeric) {
    switch (op) {
      case "IN", "NOT IN" -> {
        if (!value.startsWith("(") || !value.endsWith(")")) {
          throw MlflowException.invalid("'" + op + "' needs a list in parentheses: " + value);
        }
        List<String> items = new ArrayList<>();
        for (String item : value.substring(1, value.length() - 1).split(",")) {
          parameters.add(literal(item.strip(), numeric));
          items.add("?");
        }
        return column + " " + op + " (" + String.join(", ", items) + ")";
      }
      case "LIKE", "ILIKE" -> {
        if (numeric) {
          throw MlflowException.invalid("'" + op + "' is for strings only");
        }
        parameters.add(literal(value, false));
        return "ILIKE".equals(op) ? "LOWER(" + column + ") LIKE LOWER(?)" : column + " LIKE ?";
      }
      default -> {
        parameters.add(literal(value, numeric));
        return column + " " + ("<>".equals(op) ? "!=" : op).replace("!=", "<>") + " ?";
      }
    }
  }

  private static Object literal(String value, boolean numeric) {
    if (numeric) {
      try {
        return Integer.parseInt(unquote(value, '\'', '"'));
      } catch (NumberFormatException e) {
        throw MlflowException.invalid("Expected a number but got " + value);
      }
    }
    if (value.length() < 2
        || !((value.startsWith("'") && value.endsWith("'"))
            || (value.startsWith("\"") && value.endsWith("\"")))) {
      throw MlflowException.invalid("Expected a quoted string value but got " + value);
    }
    return value.substring(1, value.length() - 1);
  }

  private static String unquote(String value, char first, char second) {
    if (value.length() >= 2
        && value.charAt(0) == value.charAt(value.length() - 1)
        && (value.charAt(0) == first || value.charAt(0) == second)) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  private static String order(List<String> orderBy, Spec spec) {
    if (orderBy == null || orderBy.isEmpty()) {
      return spec.defaultOrder();
    }
    List<String> items = new ArrayList<>();
    for (String item : orderBy) {
      String[] parts = item.strip().split("\\s+");
      String column = spec.orderColumns().get(parts[0]);
      boolean valid =
          column != null
              && (parts.length == 1 || (parts.length == 2 && parts[1].matches("(?i)asc|desc")));
      if (!valid) {
        throw MlflowException.invalid(
            "Invalid order_by clause '"
                + item
                + "'. Valid fields are "
                + spec.orderColumns().keySet().stream().sorted().toList());
      }
      items.add(column + (parts.length == 2 ? " " + parts[1].toUpperCase(Locale.ROOT) : " ASC"));
    }
    items.add(spec.defaultOrder());
    return String.join(", ", items);
  }
}
