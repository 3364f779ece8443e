package io.fathom.controlplane.function;

import io.fathom.controlplane.common.ApiException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Parsing of enums by their wire names, with errors that list the valid values. */
final class WireEnums {
  private WireEnums() {}

  interface Wire {
    String wire();
  }

  static <E extends Enum<E> & Wire> E parse(Class<E> type, String field, String value) {
    for (E e : type.getEnumConstants()) {
      if (e.wire().equals(value)) {
        return e;
      }
    }
    throw ApiException.badRequest(
        "invalid-" + field,
        "'"
            + value
            + "' is not a known "
            + field
            + ". Valid values are "
            + Arrays.stream(type.getEnumConstants())
                .map(e -> "\"" + e.wire() + "\"")
                .collect(Collectors.joining(", ")));
  }
}
