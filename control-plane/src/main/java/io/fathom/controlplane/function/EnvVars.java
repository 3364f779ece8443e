package io.fathom.controlplane.function;

import io.fathom.controlplane.common.ApiException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A validated set of environment variables. Keys are POSIX names; the {@code FATHOM_} prefix is
 * reserved for what the platform injects.
 */
public record EnvVars(Map<String, String> values) {
  public static final int MAX_ENTRIES = 100;
  public static final int MAX_VALUE_CHARS = 32 * 1024;
  private static final Pattern KEY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,127}$");

  public EnvVars {
    values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  public static EnvVars empty() {
    return new EnvVars(Map.of());
  }

  /** Validates {@code raw} as the variables of {@code field} ({@code servingEnv}, ...). */
  public static EnvVars of(String field, Map<String, String> raw) {
    if (raw == null) {
      return empty();
    }
    if (raw.size() > MAX_ENTRIES) {
      throw ApiException.badRequest(
          "invalid-env", field + " has " + raw.size() + " entries; at most " + MAX_ENTRIES);
    }
    raw.forEach((key, value) -> check(field, key, value));
    return new EnvVars(raw);
  }

  /** Applies a PATCH: entries of {@code changes} replace or add, a null value removes the key. */
  public EnvVars merge(String field, Map<String, String> changes) {
    if (changes == null) {
      return this;
    }
    Map<String, String> merged = new TreeMap<>(values);
    changes.forEach(
        (key, value) -> {
          if (value == null) {
            merged.remove(key);
          } else {
            check(field, key, value);
            merged.put(key, value);
          }
        });
    return of(field, merged);
  }

  private static void check(String field, String key, String value) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw ApiException.badRequest(
          "invalid-env",
          field
              + " key '"
              + key
              + "' is not a valid variable name (letters, digits and '_', not starting with a"
              + " digit)");
    }
    if (key.startsWith("FATHOM_")) {
      throw ApiException.badRequest(
          "invalid-env",
          field + " key '" + key + "' uses the reserved FATHOM_ prefix (the platform sets those)");
    }
    if (value == null) {
      throw ApiException.badRequest("invalid-env", field + " key '" + key + "' has no value");
    }
    if (value.length() > MAX_VALUE_CHARS) {
      throw ApiException.badRequest(
          "invalid-env",
          field + " key '" + key + "' is longer than " + MAX_VALUE_CHARS + " characters");
    }
  }
}
