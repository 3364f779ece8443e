package io.fathom.controlplane.mlflow.registry;

import java.util.List;
import java.util.Map;

/** A registered model with its tags, aliases (alias to version) and latest version per stage. */
public record RegisteredModelView(
    RegisteredModel model,
    Map<String, String> tags,
    Map<String, Integer> aliases,
    List<ModelVersionView> latestVersions) {}
