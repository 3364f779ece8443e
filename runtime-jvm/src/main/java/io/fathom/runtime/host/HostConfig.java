package io.fathom.runtime.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The host's settings, read by {@link #from(Map)} from an environment map (the real environment in
 * {@link Main}, a plain map in tests). Every bad value fails at start with a message naming the
 * variable.
 *
 * @param port {@code PORT} (required; 0 picks a free port, for tests)
 * @param timeout {@code FATHOM_TIMEOUT_SECONDS}: the deadline of a call without {@code
 *     X-Fathom-Deadline-Ms}
 * @param drain {@code FATHOM_DRAIN_SECONDS}: how long SIGTERM waits for in-flight calls
 * @param workers {@code FATHOM_WORKERS}: calls that run at once; more wait for a free worker
 * @param maxBodyBytes {@code FATHOM_MAX_BODY_BYTES}: larger request bodies get 413
 * @param inputSchema {@code FATHOM_INPUT_SCHEMA_FILE}, absent = no input validation
 * @param outputSchema {@code FATHOM_OUTPUT_SCHEMA_FILE}, absent = no output validation
 * @param functionClass {@code FATHOM_FUNCTION_CLASS} (required): the user's {@code entryPoint}
 * @param stopGrace {@code FATHOM_STOP_GRACE_MS}: how long a call may run on after its deadline
 *     interrupted it before the process exits so that it is replaced
 * @param parentPid {@code FATHOM_PARENT_PID}: local runs only; the host drains and exits when this
 *     process ends
 * @param sdk every {@code FATHOM_SDK_*} variable, sorted by name
 * @param env the whole environment, for {@code Context.env()}
 */
public record HostConfig(
    int port,
    Duration timeout,
    Duration drain,
    int workers,
    long maxBodyBytes,
    Optional<Path> inputSchema,
    Optional<Path> outputSchema,
    String functionClass,
    Duration stopGrace,
    OptionalLong parentPid,
    Map<String, String> sdk,
    Map<String, String> env) {

  public static final long DEFAULT_MAX_BODY_BYTES = 6L * 1024 * 1024;
  public static final String SDK_PREFIX = "FATHOM_SDK_";

  public HostConfig {
    sdk = Collections.unmodifiableSortedMap(new TreeMap<>(sdk));
    env = Collections.unmodifiableSortedMap(new TreeMap<>(env));
  }

  /** Reads the settings from {@code env}; throws {@link StartupException} naming a bad variable. */
  public static HostConfig from(Map<String, String> env) {
    Reader read = new Reader(env);
    Map<String, String> sdk = new TreeMap<>();
    env.forEach(
        (name, value) -> {
          if (name.startsWith(SDK_PREFIX)) {
            sdk.put(name, value);
          }
        });
    return new HostConfig(
        read.integer("PORT", null, 0, 65_535),
        Duration.ofSeconds(read.integer("FATHOM_TIMEOUT_SECONDS", 60, 1, 86_400)),
        Duration.ofSeconds(read.integer("FATHOM_DRAIN_SECONDS", 10, 0, 3_600)),
        read.integer("FATHOM_WORKERS", 16, 1, 10_000),
        read.number("FATHOM_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES, 1, Integer.MAX_VALUE - 8),
        read.path("FATHOM_INPUT_SCHEMA_FILE"),
        read.path("FATHOM_OUTPUT_SCHEMA_FILE"),
        read.required("FATHOM_FUNCTION_CLASS"),
        Duration.ofMillis(read.integer("FATHOM_STOP_GRACE_MS", 2_000, 0, 600_000)),
        read.optionalInteger("FATHOM_PARENT_PID", 1, Long.MAX_VALUE),
        sdk,
        env);
  }

  /** Reads single variables; a blank value counts as absent. */
  private record Reader(Map<String, String> env) {

    private Optional<String> value(String name) {
      String value = env.get(name);
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    String required(String name) {
      return value(name)
          .orElseThrow(() -> new StartupException(name + " is not set; " + hint(name)));
    }

    int integer(String name, Integer fallback, int min, int max) {
      return (int) number(name, fallback == null ? null : fallback.longValue(), min, max);
    }

    long number(String name, Long fallback, long min, long max) {
      OptionalLong value = optionalInteger(name, min, max);
      if (value.isPresent()) {
        return value.getAsLong();
      }
      if (fallback == null) {
        throw new StartupException(name + " is not set; " + hint(name));
      }
      return fallback;
    }

    OptionalLong optionalInteger(String name, long min, long max) {
      Optional<String> text = value(name);
      if (text.isEmpty()) {
        return OptionalLong.empty();
      }
      long parsed;
      try {
        parsed = Long.parseLong(text.get());
      } catch (NumberFormatException e) {
        throw outOfRange(name, text.get(), min, max);
      }
      if (parsed < min || parsed > max) {
        throw outOfRange(name, text.get(), min, max);
      }
      return OptionalLong.of(parsed);
    }

    Optional<Path> path(String name) {
      return value(name).map(Path::of);
    }

    private static StartupException outOfRange(String name, String text, long min, long max) {
      return new StartupException(
          name + " must be a whole number from " + min + " to " + max + ", got '" + text + "'");
    }

    private static String hint(String name) {
      return switch (name) {
        case "PORT" -> "set it to the port to listen on";
        case "FATHOM_FUNCTION_CLASS" ->
            "set it to the fully qualified name of the class that implements"
                + " io.fathom.runtime.sdk.Function (func.yaml's entryPoint)";
        default -> "set it";
      };
    }
  }
}
