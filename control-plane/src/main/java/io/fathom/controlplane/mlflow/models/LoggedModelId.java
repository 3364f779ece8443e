package io.fathom.controlplane.mlflow.models;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A logged model's id. MLflow clients see {@code m-<32 hex digits>}; the platform view shows the
 * same value as a UUID. Both forms parse to the same id.
 */
public record LoggedModelId(UUID uuid) {
  private static final Pattern MLFLOW = Pattern.compile("m-[0-9a-f]{32}");
  private static final Pattern UUID_FORM =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  public static LoggedModelId random() {
    return new LoggedModelId(UUID.randomUUID());
  }

  /** Either form; empty when the text is neither (callers answer 404). */
  public static Optional<LoggedModelId> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    if (MLFLOW.matcher(text).matches()) {
      String hex = text.substring(2);
      return Optional.of(
          new LoggedModelId(
              UUID.fromString(
                  hex.substring(0, 8)
                      + "-"
                      + hex.substring(8, 12)
                      + "-"
                      + hex.substring(12, 16)
                      + "-"
                      + hex.substring(16, 20)
                      + "-"
                      + hex.substring(20))));
    }
    if (UUID_FORM.matcher(text).matches()) {
      return Optional.of(new LoggedModelId(UUID.fromString(text)));
    }
    return Optional.empty();
  }

  /** {@code m-<32 hex>}. */
  public String mlflow() {
    return "m-" + uuid.toString().replace("-", "");
  }

  @Override
  public String toString() {
    return mlflow();
  }
}
