package io.fathom.controlplane.mlflow.registry;

import java.util.List;
import java.util.Map;

/** A model version with its tags and the aliases that point at it. */
public record ModelVersionView(
    ModelVersion version, Map<String, String> tags, List<String> aliases) {}
