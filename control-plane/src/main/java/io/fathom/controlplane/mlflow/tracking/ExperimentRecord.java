package io.fathom.controlplane.mlflow.tracking;

import java.util.List;
import java.util.UUID;

/** An experiment as stored, with its tags. */
public record ExperimentRecord(
    long id,
    UUID uid,
    UUID projectId,
    String name,
    String artifactLocation,
    String lifecycleStage,
    long creationTime,
    long lastUpdateTime,
    List<Tag> tags) {

  public static final String ACTIVE = "active";
  public static final String DELETED = "deleted";
  public static final String DEFAULT_NAME = "Default";

  public boolean active() {
    return ACTIVE.equals(lifecycleStage);
  }

  /** {@code mlflow-artifacts:/<id>}: the artifact proxy serves it. */
  public static String artifactLocation(long id) {
    return "mlflow-artifacts:/" + id;
  }
}
