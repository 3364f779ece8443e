package io.fathom.controlplane.function;

import io.fathom.controlplane.secret.SecretBox;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Write-only variables of a function (serving and build), kept sealed at rest. Responses show only
 * their names; the values leave this class only to start an instance or a build.
 */
@Singleton
public class FunctionSecrets {
  /** The opened secrets of one function. */
  @Serdeable
  public record Values(Map<String, String> serving, Map<String, String> build) {
    public static Values empty() {
      return new Values(Map.of(), Map.of());
    }
  }

  private final SecretBox box;
  private final ObjectMapper json;

  public FunctionSecrets(SecretBox box, ObjectMapper json) {
    this.box = box;
    this.json = json;
  }

  public String seal(Values values) {
    try {
      return box.seal(json.writeValueAsString(values));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Values open(String sealed) {
    try {
      return json.readValue(box.open(sealed), Values.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
