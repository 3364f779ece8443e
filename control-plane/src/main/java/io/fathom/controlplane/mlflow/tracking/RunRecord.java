package io.fathom.controlplane.mlflow.tracking;

import io.micronaut.core.annotation.Nullable;
import java.util.UUID;

/** A run's info as stored (MLflow's {@code RunInfo}). */
public record RunRecord(
    String runUuid,
    UUID projectId,
    long experimentId,
    @Nullable String runName,
    @Nullable String userId,
    RunStatus status,
    @Nullable Long startTime,
    @Nullable Long endTime,
    String lifecycleStage,
    String artifactUri) {

  public boolean active() {
    return ExperimentRecord.ACTIVE.equals(lifecycleStage);
  }

  /** The platform view's id: the run uuid is a UUID without dashes. */
  public UUID uid() {
    return uid(runUuid);
  }

  public static UUID uid(String runUuid) {
    return UUID.fromString(
        runUuid.replaceFirst(
            "(\\p{XDigit}{8})(\\p{XDigit}{4})(\\p{XDigit}{4})(\\p{XDigit}{4})(\\p{XDigit}{12})",
            "$1-$2-$3-$4-$5"));
  }

  /** {@code mlflow-artifacts:/<experiment_id>/<run_uuid>/artifacts}. */
  public static String artifactUri(long experimentId, String runUuid) {
    return ExperimentRecord.artifactLocation(experimentId) + "/" + runUuid + "/artifacts";
  }
}
