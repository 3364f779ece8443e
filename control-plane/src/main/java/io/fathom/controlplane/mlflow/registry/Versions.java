package io.fathom.controlplane.mlflow.registry;

import io.fathom.controlplane.mlflow.MlflowException;
import java.util.UUID;

/** Lookups of versions shared by the model and version services. */
final class Versions {
  private Versions() {}

  static ModelVersion require(VersionStore versions, UUID projectId, String name, int version) {
    return versions
        .find(projectId, name, version)
        .orElseThrow(
            () ->
                MlflowException.notFound(
                    "Model Version (name=" + name + ", version=" + version + ") not found"));
  }

  static ModelVersionView view(VersionStore versions, UUID projectId, ModelVersion v) {
    return new ModelVersionView(
        v,
        versions.tags(projectId, v.name(), v.version()),
        versions.aliases(projectId, v.name(), v.version()));
  }
}
