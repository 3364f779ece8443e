package io.fathom.controlplane.build;

import io.fathom.builder.api.BuildResult;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A build's layers and step durations as stored (JSON text) and shown. */
@Singleton
public class BuildResults {
  /** One layer the build added, bottom first. */
  @Serdeable
  public record Layer(String name, String digest, long sizeBytes, boolean reused) {}

  private static final Argument<List<Layer>> LAYERS = Argument.listOf(Layer.class);
  private static final Argument<Map<String, Long>> DURATIONS =
      Argument.mapOf(String.class, Long.class);

  private final ObjectMapper json;

  public BuildResults(ObjectMapper json) {
    this.json = json;
  }

  public String layersJson(BuildResult result) {
    return write(
        result.layers().stream()
            .map(l -> new Layer(l.name(), l.digest(), l.sizeBytes(), l.reused()))
            .toList());
  }

  /** Milliseconds per step, in order, and {@code total}. */
  public String durationsJson(BuildResult result) {
    Map<String, Long> millis = new LinkedHashMap<>();
    result.steps().forEach(s -> millis.put(s.name(), s.duration().toMillis()));
    millis.put("total", result.total().toMillis());
    return write(millis);
  }

  public String durationsJson(Map<String, Long> millis) {
    return write(millis);
  }

  public List<Layer> layers(@Nullable String text) {
    return text == null ? List.of() : read(text, LAYERS);
  }

  public Map<String, Long> durations(@Nullable String text) {
    return text == null ? Map.of() : read(text, DURATIONS);
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private <T> T read(String text, Argument<T> type) {
    try {
      return json.readValue(text, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
