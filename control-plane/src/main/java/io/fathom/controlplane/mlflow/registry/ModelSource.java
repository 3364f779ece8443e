package io.fathom.controlplane.mlflow.registry;

import io.fathom.controlplane.mlflow.MlflowException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model version's {@code source}, parsed: a run's artifacts ({@code runs:/<run_id>/<path>}), a
 * logged model ({@code models:/m-<32 hex>}), or a location in the artifact store ({@code
 * mlflow-artifacts:/…}). Local paths and other schemes are refused: the platform cannot read them.
 */
public record ModelSource(Kind kind, String uri, String runId, String modelId, String path) {
  /** Where the files are. */
  public enum Kind {
    RUN,
    LOGGED_MODEL,
    ARTIFACTS
  }

  private static final Pattern RUN = Pattern.compile("runs:/([0-9a-f]{32})(?:/(.*))?");
  private static final Pattern MODEL = Pattern.compile("models:/(m-[0-9a-f]{32})(?:/(.*))?");

  public static ModelSource parse(String source) {
    if (source == null || source.isBlank()) {
      throw MlflowException.invalid("Missing value for required parameter 'source'.");
    }
    Matcher run = RUN.matcher(source);
    if (run.matches()) {
      return new ModelSource(Kind.RUN, source, run.group(1), null, trim(run.group(2)));
    }
    Matcher model = MODEL.matcher(source);
    if (model.matches()) {
      return new ModelSource(Kind.LOGGED_MODEL, source, null, model.group(1), trim(model.group(2)));
    }
    if (source.startsWith("mlflow-artifacts:/") && !source.contains("/../")) {
      return new ModelSource(Kind.ARTIFACTS, source, null, null, null);
    }
    throw MlflowException.invalid(
        "Invalid model version source: '"
            + source
            + "'. Use runs:/<run_id>/<path>, models:/m-<id> or mlflow-artifacts:/<path>.");
  }

  /** {@code base} followed by this source's path inside it, if any. */
  String under(String base) {
    return path == null ? base : base + "/" + path;
  }

  private static String trim(String path) {
    if (path == null) {
      return null;
    }
    String trimmed = path.replaceAll("^/+|/+$", "");
    if (trimmed.contains("..")) {
      throw MlflowException.invalid("A model source path may not contain '..': " + path);
    }
    return trimmed.isEmpty() ? null : trimmed;
  }
}
