package io.fathom.controlplane.common.filter;

import io.fathom.controlplane.common.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;

/** Parses the JSON body of a {@code POST …/filter} into a {@link Filter}. */
public final class FilterParser {
  public static final int MAX_DEPTH = 16;
  public static final int MAX_NODES = 200;
  private static final String OPERATORS = "@and, @or, @not, @eq, @regex, @in, @gt, @lt";

  private int nodes;

  private FilterParser() {}

  /** Parses {@code {"filter": {...}}}'s inner object; a missing filter matches everything. */
  public static Filter parse(Object filter) {
    if (filter == null) {
      return new Filter.And(List.of());
    }
    return new FilterParser().node(filter, 0);
  }

  private Filter node(Object raw, int depth) {
    if (depth > MAX_DEPTH || ++nodes > MAX_NODES) {
      throw invalid("the filter is too deep or too large");
    }
    if (!(raw instanceof Map<?, ?> map) || map.size() != 1) {
      throw invalid("each filter node is an object with exactly one operator (" + OPERATORS + ")");
    }
    var entry = map.entrySet().iterator().next();
    String op = String.valueOf(entry.getKey());
    Object arg = entry.getValue();
    return switch (op) {
      case "@and" -> new Filter.And(children(op, arg, depth));
      case "@or" -> new Filter.Or(children(op, arg, depth));
      case "@not" -> new Filter.Not(node(arg, depth + 1));
      case "@eq" -> new Filter.Eq(path(op, arg), value(op, arg));
      case "@gt" -> new Filter.Gt(path(op, arg), value(op, arg));
      case "@lt" -> new Filter.Lt(path(op, arg), value(op, arg));
      case "@in" -> new Filter.In(path(op, arg), values(op, arg));
      case "@regex" -> new Filter.Regex(path(op, arg), pattern(arg));
      default -> throw invalid("unknown operator '" + op + "'; valid operators are " + OPERATORS);
    };
  }

  private List<Filter> children(String op, Object arg, int depth) {
    if (!(arg instanceof List<?> list)) {
      throw invalid(op + " takes an array of filters");
    }
    List<Filter> out = new ArrayList<>();
    for (Object child : list) {
      out.add(node(child, depth + 1));
    }
    return out;
  }

  private static Map<?, ?> args(String op, Object arg) {
    if (!(arg instanceof Map<?, ?> map)) {
      throw invalid(op + " takes an object like {\"path\": \"name\", \"value\": \"x\"}");
    }
    return map;
  }

  private static String path(String op, Object arg) {
    Object path = args(op, arg).get("path");
    if (!(path instanceof String s) || s.isBlank()) {
      throw invalid(op + " needs a \"path\"");
    }
    return s;
  }

  private static Object value(String op, Object arg) {
    Map<?, ?> map = args(op, arg);
    if (!map.containsKey("value")) {
      throw invalid(op + " needs a \"value\"");
    }
    Object value = map.get("value");
    if (value instanceof Map || value instanceof List) {
      throw invalid(
          op + " compares with a string, number, boolean or null, not an object or array");
    }
    return value;
  }

  private static List<Object> values(String op, Object arg) {
    Object values = args(op, arg).get("values");
    if (!(values instanceof List<?> list) || list.isEmpty() || list.size() > 100) {
      throw invalid(op + " needs \"values\": an array of 1 to 100 values");
    }
    return new ArrayList<>(list);
  }

  private static String pattern(Object arg) {
    Object pattern = args("@regex", arg).get("pattern");
    if (!(pattern instanceof String s)) {
      throw invalid("@regex needs a \"pattern\" string");
    }
    if (s.length() > 500) {
      throw invalid("@regex patterns are limited to 500 characters");
    }
    try {
      java.util.regex.Pattern.compile(s);
    } catch (PatternSyntaxException e) {
      throw invalid("@regex pattern is not a valid regular expression: " + e.getDescription());
    }
    return s;
  }

  private static ApiException invalid(String message) {
    return ApiException.badRequest("invalid-filter", message);
  }
}
