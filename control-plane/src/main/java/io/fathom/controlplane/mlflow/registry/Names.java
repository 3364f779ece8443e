package io.fathom.controlplane.mlflow.registry;

import io.fathom.controlplane.mlflow.MlflowException;

/** Checks of the names and keys the registry stores, with MLflow's messages. */
final class Names {
  private Names() {}

  static void requireModelName(String name) {
    if (name == null || name.isBlank()) {
      throw MlflowException.invalid("Missing value for required parameter 'name'.");
    }
    requireLength("name", name, 256);
  }

  static void requireTagKey(String key) {
    if (key == null || key.isBlank()) {
      throw MlflowException.invalid("Missing value for required parameter 'key'.");
    }
    requireLength("key", key, 250);
  }

  static void requireLength(String parameter, String value, int max) {
    if (value.length() > max) {
      throw MlflowException.invalid(
          "'" + parameter + "' exceeds the maximum length of " + max + " characters.");
    }
  }

  /** A version number sent as a string, as MLflow's protos do. */
  static int version(String version) {
    if (version == null || version.isBlank()) {
      throw MlflowException.invalid("Missing value for required parameter 'version'.");
    }
    try {
      int number = Integer.parseInt(version.strip());
      if (number < 1) {
        throw new NumberFormatException(version);
      }
      return number;
    } catch (NumberFormatException e) {
      throw MlflowException.invalid(
          "Parameter 'version' must be an integer, got '" + version + "'.");
    }
  }
}
