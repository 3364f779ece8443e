package io.fathom.runtime.model;

import io.fathom.runtime.model.infer.BatchSettings;
import io.fathom.runtime.model.onnx.ExecutionDevice;
import io.fathom.runtime.model.onnx.SessionSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The model server's settings, a pure function of the environment ({@link #from(Map)}); every bad
 * value fails at start with a message naming the variable. See docs/model-server.md.
 *
 * @param port {@code PORT} (required; 0 picks a free port)
 * @param modelName {@code FATHOM_MODEL_NAME}, default {@code default}
 * @param source where the model directory comes from
 * @param session {@code FATHOM_ONNX_DEVICE}, {@code FATHOM_ONNX_ALLOW_CPU_FALLBACK}, {@code
 *     FATHOM_ONNX_INTRA_OP_THREADS}
 * @param batch {@code FATHOM_BATCH_MAX_SIZE}, {@code FATHOM_BATCH_MAX_DELAY_MS}
 * @param maxBodyBytes {@code FATHOM_MAX_BODY_BYTES}, default 64 MiB
 */
public record ModelServerConfig(
    int port,
    String modelName,
    ModelSource source,
    SessionSettings session,
    BatchSettings batch,
    long maxBodyBytes) {

  public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;
  public static final int DEFAULT_BATCH_DELAY_MS = 2;

  /** A local model directory, or the control plane's artifact proxy with the SDK credentials. */
  public sealed interface ModelSource {
    record Local(Path directory) implements ModelSource {}

    record Artifact(URI uri, String authorization, Optional<String> projectId)
        implements ModelSource {
      @Override
      public String toString() {
        // Never print the token.
        return "Artifact[" + uri + "]";
      }
    }
  }

  public static ModelServerConfig from(Map<String, String> env) {
    int port = integer(env, "PORT", null, 0, 65535);
    String name = env.getOrDefault("FATHOM_MODEL_NAME", "default").trim();
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
      throw new ConfigException(
          "FATHOM_MODEL_NAME '" + name + "' must be letters, digits, '.', '_' or '-'");
    }
    ModelSource source = source(env);
    ExecutionDevice device;
    try {
      device = ExecutionDevice.parse(env.getOrDefault("FATHOM_ONNX_DEVICE", "cpu").trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("FATHOM_ONNX_DEVICE: " + e.getMessage());
    }
    boolean fallback = bool(env, "FATHOM_ONNX_ALLOW_CPU_FALLBACK");
    int threads =
        integer(
            env,
            "FATHOM_ONNX_INTRA_OP_THREADS",
            Runtime.getRuntime().availableProcessors(),
            1,
            1024);
    int batchSize = integer(env, "FATHOM_BATCH_MAX_SIZE", 0, 0, 1 << 20);
    int delay = integer(env, "FATHOM_BATCH_MAX_DELAY_MS", DEFAULT_BATCH_DELAY_MS, 0, 60_000);
    long maxBody =
        integer(
            env, "FATHOM_MAX_BODY_BYTES", (int) DEFAULT_MAX_BODY_BYTES, 1024, Integer.MAX_VALUE);
    return new ModelServerConfig(
        port,
        name,
        source,
        new SessionSettings(device, fallback, threads),
        new BatchSettings(batchSize, Duration.ofMillis(delay)),
        maxBody);
  }

  private static ModelSource source(Map<String, String> env) {
    String dir = env.get("FATHOM_MODEL_DIR");
    String uri = env.get("FATHOM_MODEL_ARTIFACT_URI");
    if (present(dir) && present(uri)) {
      throw new ConfigException("set FATHOM_MODEL_DIR or FATHOM_MODEL_ARTIFACT_URI, not both");
    }
    if (present(dir)) {
      return new ModelSource.Local(Path.of(dir.trim()));
    }
    if (!present(uri)) {
      throw new ConfigException(
          "set FATHOM_MODEL_ARTIFACT_URI (the model's artifact URL on the control plane) or"
              + " FATHOM_MODEL_DIR (a local model directory)");
    }
    URI parsed;
    try {
      parsed = URI.create(uri.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("FATHOM_MODEL_ARTIFACT_URI is not a URL: " + e.getMessage());
    }
    String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new ConfigException("FATHOM_MODEL_ARTIFACT_URI must be an http(s) URL, got " + uri);
    }
    String auth = env.get("FATHOM_SDK_AUTHORIZATION");
    if (!present(auth)) {
      throw new ConfigException(
          "FATHOM_SDK_AUTHORIZATION is required to download FATHOM_MODEL_ARTIFACT_URI");
    }
    String project = env.get("FATHOM_SDK_PROJECT_ID");
    return new ModelSource.Artifact(
        parsed, auth.trim(), present(project) ? Optional.of(project.trim()) : Optional.empty());
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static int integer(
      Map<String, String> env, String name, Integer fallback, int min, int max) {
    String value = env.get(name);
    if (!present(value)) {
      if (fallback == null) {
        throw new ConfigException(name + " is required");
      }
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed < min || parsed > max) {
        throw new ConfigException(name + " is " + parsed + "; it must be " + min + " to " + max);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " is '" + value + "', not a whole number");
    }
  }

  private static boolean bool(Map<String, String> env, String name) {
    String value = env.getOrDefault(name, "false").trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no", "" -> false;
      default -> throw new ConfigException(name + " is '" + value + "'; use true or false");
    };
  }

  /** A setting is missing or wrong; the message names it. */
  public static final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
      super(message);
    }
  }
}
