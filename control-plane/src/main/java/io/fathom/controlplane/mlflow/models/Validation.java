package io.fathom.controlplane.mlflow.models;

import io.fathom.controlplane.mlflow.MlflowException;

/** Checks of MLflow request values, with MLflow's wording. */
final class Validation {
  static final int MAX_KEY = 250;
  static final int MAX_VALUE = 8000;

  private Validation() {}

  static String key(String what, String key) {
    if (key == null || key.isBlank()) {
      throw MlflowException.invalid("Missing value for required parameter '" + what + ".key'.");
    }
    return maxLength(what + " key", key, MAX_KEY);
  }

  static String value(String value) {
    return value == null ? "" : maxLength("value", value, MAX_VALUE);
  }

  static String maxLength(String what, String value, int max) {
    if (value.length() > max) {
      throw MlflowException.invalid(
          "'" + what + "' is " + value.length() + " characters long; the limit is " + max);
    }
    return value;
  }
}
