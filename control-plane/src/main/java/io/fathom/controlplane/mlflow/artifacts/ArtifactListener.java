package io.fathom.controlplane.mlflow.artifacts;

import java.util.UUID;

/**
 * Told after an artifact was stored through the proxy, so that features can react to files they
 * care about (the logged models read an uploaded {@code MLmodel}). Runs on the request's thread; a
 * listener that fails does not undo the upload.
 */
public interface ArtifactListener {
  void stored(UUID projectId, ArtifactPath path);
}
