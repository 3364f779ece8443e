package io.fathom.controlplane.common.filter;

import io.fathom.controlplane.common.ApiException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** One filterable path: the column it maps to and how its values are bound. */
public record FilterField(String path, String column, Type type) {

  /** Value types of filterable columns. */
  public enum Type {
    STRING,
    INTEGER,
    UUID,
    TIMESTAMP
  }

  public FilterField {
    if (!column.matches("[a-z_]+")) {
      throw new IllegalArgumentException("column names are plain identifiers: " + column);
    }
  }

  /** Converts a JSON value into the JDBC parameter for this column. */
  Object bind(Object value) {
    if (value == null) {
      throw ApiException.badRequest(
          "invalid-filter", "'" + path + "' cannot be compared with null");
    }
    try {
      return switch (type) {
        case STRING -> String.valueOf(value);
        case INTEGER ->
            value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
        case UUID -> java.util.UUID.fromString(value.toString());
        case TIMESTAMP -> OffsetDateTime.ofInstant(Instant.parse(value.toString()), ZoneOffset.UTC);
      };
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw ApiException.badRequest(
          "invalid-filter",
          "'" + value + "' is not a valid " + type.name().toLowerCase() + " for '" + path + "'");
    }
  }
}
