package io.fathom.cli.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The whole configuration file: the current context's name and every saved context by name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CliConfig(String current, Map<String, Context> contexts) {
  public static final String DEFAULT_CONTEXT = "default";

  public CliConfig {
    contexts = Collections.unmodifiableMap(new TreeMap<>(contexts == null ? Map.of() : contexts));
  }

  public static CliConfig empty() {
    return new CliConfig(null, Map.of());
  }

  /** The current context, if one is selected and still present. */
  public Optional<NamedContext> currentContext() {
    if (current == null || !contexts.containsKey(current)) {
      return Optional.empty();
    }
    return Optional.of(new NamedContext(current, contexts.get(current)));
  }

  /** The context named {@code name}; throws listing the known names when there is none. */
  public NamedContext context(String name) {
    Context context = contexts.get(name);
    if (context == null) {
      throw new UnknownContextException(name, contexts.keySet());
    }
    return new NamedContext(name, context);
  }

  /**
   * Saves {@code context} under {@code name}, replacing any context of that name. It becomes the
   * current one when none is current yet.
   */
  public CliConfig withContext(String name, Context context) {
    Map<String, Context> updated = new TreeMap<>(contexts);
    updated.put(name, context);
    String newCurrent = currentContext().isPresent() ? current : name;
    return new CliConfig(newCurrent, updated);
  }

  /** Makes {@code name} the current context; throws listing the known names when unknown. */
  public CliConfig select(String name) {
    context(name);
    return new CliConfig(name, contexts);
  }
}
