package io.fathom.controlplane.mlflow.models;

import java.util.List;

/** A logged model with its tags and params, as the service hands it to controllers. */
public record LoggedModel(LoggedModelEntity entity, List<KeyValue> tags, List<KeyValue> params) {}
