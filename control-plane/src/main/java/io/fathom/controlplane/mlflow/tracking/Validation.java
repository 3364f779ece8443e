package io.fathom.controlplane.mlflow.tracking;

import io.fathom.controlplane.mlflow.MlflowException;
import io.micronaut.core.annotation.Nullable;

/** MLflow's checks on request values, with MLflow's messages. */
final class Validation {
  static final int MAX_KEY = 250;
  static final int MAX_PARAM_VALUE = 6000;
  static final int MAX_TAG_VALUE = 5000;

  private Validation() {}

  static String required(String field, @Nullable String value) {
    if (value == null || value.isBlank()) {
      throw MlflowException.invalid("Missing value for required parameter '" + field + "'.");
    }
    return value;
  }

  static void maxLength(String field, String value, int max) {
    if (value.length() > max) {
      throw MlflowException.invalid(
          "'" + field + "' exceeds the maximum length of " + max + " characters");
    }
  }

  static String key(String what, @Nullable String key) {
    String checked = required("key", key);
    maxLength(what + " key", checked, MAX_KEY);
    if (checked.contains("..") || checked.startsWith("/") || !checked.matches("[\\w./\\- :]+")) {
      throw MlflowException.invalid(
          "Invalid "
              + what
              + " name: '"
              + checked
              + "'. Names may only contain alphanumerics,"
              + " underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).");
    }
    return checked;
  }

  static String tagKey(@Nullable String key) {
    return key("tag", key);
  }

  static String tagValue(@Nullable String value) {
    String checked = value == null ? "" : value;
    maxLength("tag value", checked, MAX_TAG_VALUE);
    return checked;
  }
}
