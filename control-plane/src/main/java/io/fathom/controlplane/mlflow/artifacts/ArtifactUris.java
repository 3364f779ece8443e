package io.fathom.controlplane.mlflow.artifacts;

import io.fathom.controlplane.mlflow.MlflowException;
import java.util.Optional;

/** {@code mlflow-artifacts:/<path>} URIs, the form MLflow clients resolve through the proxy. */
public final class ArtifactUris {
  public static final String SCHEME = "mlflow-artifacts:";

  private ArtifactUris() {}

  public static String of(ArtifactPath path) {
    return SCHEME + "/" + path;
  }

  /** The store path of a {@code mlflow-artifacts:} URI; empty for any other URI. */
  public static Optional<ArtifactPath> path(String uri) {
    if (uri == null || !uri.startsWith(SCHEME)) {
      return Optional.empty();
    }
    String rest = uri.substring(SCHEME.length());
    while (rest.startsWith("/")) {
      rest = rest.substring(1);
    }
    try {
      return Optional.of(ArtifactPath.parse(rest));
    } catch (MlflowException e) {
      return Optional.empty();
    }
  }
}
