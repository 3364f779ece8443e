package io.fathom.controlplane.common.filter;

import io.fathom.controlplane.common.ApiException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Translates a {@link Filter} into a SQL condition with bound parameters. Paths come from an
 * allow-list and map to fixed column names; every value is a bound parameter, never SQL text.
 */
public final class SqlFilter {
  /** SQL dialects the control plane runs on; they differ only in regular-expression syntax. */
  public enum Dialect {
    H2,
    POSTGRES;

    public static Dialect of(String configured) {
      return configured != null && configured.toUpperCase().startsWith("POSTGRES") ? POSTGRES : H2;
    }

    String regex(String column) {
      return this == POSTGRES ? column + " ~ ?" : "REGEXP_LIKE(" + column + ", ?)";
    }
  }

  /** A condition and its parameters, in order. */
  public record Condition(String sql, List<Object> parameters) {}

  private final Map<String, FilterField> fields;
  private final Dialect dialect;

  public SqlFilter(List<FilterField> fields, Dialect dialect) {
    Map<String, FilterField> byPath = new TreeMap<>();
    fields.forEach(f -> byPath.put(f.path(), f));
    this.fields = Collections.unmodifiableMap(byPath);
    this.dialect = dialect;
  }

  public Condition translate(Filter filter) {
    List<Object> params = new ArrayList<>();
    String sql = sql(filter, params);
    return new Condition(sql, List.copyOf(params));
  }

  private String sql(Filter filter, List<Object> params) {
    return switch (filter) {
      case Filter.And and -> join(and.all(), " AND ", "TRUE", params);
      case Filter.Or or -> join(or.any(), " OR ", "FALSE", params);
      case Filter.Not not -> "NOT (" + sql(not.inner(), params) + ")";
      case Filter.Eq eq -> compare(eq.path(), "=", eq.value(), params);
      case Filter.Gt gt -> compare(gt.path(), ">", gt.value(), params);
      case Filter.Lt lt -> compare(lt.path(), "<", lt.value(), params);
      case Filter.In in -> {
        FilterField field = field(in.path());
        in.values().forEach(v -> params.add(field.bind(v)));
        yield field.column()
            + " IN ("
            + in.values().stream().map(v -> "?").collect(Collectors.joining(", "))
            + ")";
      }
      case Filter.Regex regex -> {
        FilterField field = field(regex.path());
        if (field.type() != FilterField.Type.STRING) {
          throw ApiException.badRequest(
              "invalid-filter",
              "@regex works on text paths only; '" + regex.path() + "' is not text");
        }
        params.add(regex.pattern());
        yield dialect.regex("COALESCE(" + field.column() + ", '')");
      }
    };
  }

  private String compare(String path, String op, Object value, List<Object> params) {
    FilterField field = field(path);
    if (value == null && op.equals("=")) {
      return field.column() + " IS NULL";
    }
    params.add(field.bind(value));
    return field.column() + " " + op + " ?";
  }

  private String join(List<Filter> parts, String op, String empty, List<Object> params) {
    if (parts.isEmpty()) {
      return empty;
    }
    List<String> sql = new ArrayList<>();
    for (Filter part : parts) {
      sql.add("(" + sql(part, params) + ")");
    }
    return String.join(op, sql);
  }

  private FilterField field(String path) {
    FilterField field = fields.get(path);
    if (field == null) {
      throw ApiException.badRequest(
          "invalid-filter",
          "'"
              + path
              + "' cannot be filtered on; valid paths are "
              + String.join(", ", fields.keySet()));
    }
    return field;
  }
}
