package io.fathom.controlplane.function;

import io.fathom.controlplane.common.ApiException;
import java.util.regex.Pattern;

/** A function name: DNS-label style, unique within a project. */
public record FunctionName(String value) {
  private static final Pattern PATTERN = Pattern.compile("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$");

  public FunctionName {
    if (value == null || !PATTERN.matcher(value).matches()) {
      throw ApiException.badRequest(
          "invalid-name",
          "Function names are 1-63 lowercase letters, digits and '-', start with a letter and do"
              + " not end with '-'; got '"
              + value
              + "'");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
