package io.fathom.cli.function;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fathom.cli.http.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** One {@code KEY=VALUE} option value, such as {@code --serving-env LOG_LEVEL=debug}. */
public record KeyValue(String key, String value) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /**
   * Splits at the first {@code =}; the value may be empty or contain {@code =}, the key must be a
   * variable name (letters, digits and {@code _}, not starting with a digit).
   */
  public static KeyValue parse(String text) {
    int equals = text.indexOf('=');
    if (equals < 0) {
      throw new IllegalArgumentException("'" + text + "' is not KEY=VALUE");
    }
    String key = text.substring(0, equals);
    if (key.isEmpty()) {
      throw new IllegalArgumentException("'" + text + "' has no key before '=': use KEY=VALUE");
    }
    requireName(key);
    return new KeyValue(key, text.substring(equals + 1));
  }

  static String requireName(String key) {
    if (!NAME.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "'"
              + key
              + "' is not a variable name: use letters, digits and '_', not starting with a"
              + " digit");
    }
    return key;
  }

  /** The pairs as a map in the order given; a later value for the same key wins. */
  public static Map<String, String> toMap(List<KeyValue> pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    pairs.forEach(p -> map.put(p.key(), p.value()));
    return map;
  }

  static ObjectNode toObject(Map<String, String> map) {
    ObjectNode object = Json.object();
    map.forEach(object::put);
    return object;
  }

  /** Lets picocli report a malformed pair as a usage error. */
  public static final class Converter implements ITypeConverter<KeyValue> {
    @Override
    public KeyValue convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Checks a bare variable name, as given to {@code --unset-serving-env}. */
  public static final class NameConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try {
        return requireName(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
