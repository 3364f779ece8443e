package io.fathom.controlplane.mlflow.tracking.api;

import io.fathom.controlplane.mlflow.tracking.ExperimentRecord;
import io.fathom.controlplane.mlflow.tracking.RunDetails;
import io.fathom.controlplane.mlflow.tracking.RunRecord;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.Experiment;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.Run;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.RunData;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.RunInfo;
import io.fathom.controlplane.mlflow.tracking.api.TrackingDtos.RunInputs;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/** Stored experiments and runs to MLflow's wire shapes. */
final class TrackingMapper {
  private TrackingMapper() {}

  static Experiment experiment(ExperimentRecord e) {
    return new Experiment(
        String.valueOf(e.id()),
        e.name(),
        e.artifactLocation(),
        e.lifecycleStage(),
        e.lastUpdateTime(),
        e.creationTime(),
        e.tags());
  }

  static RunInfo info(RunRecord r) {
    return new RunInfo(
        r.runUuid(),
        r.runUuid(),
        r.runName(),
        String.valueOf(r.experimentId()),
        r.userId(),
        r.status().name(),
        r.startTime(),
        r.endTime(),
        r.artifactUri(),
        r.lifecycleStage());
  }

  static Run run(RunDetails d) {
    return new Run(
        info(d.info()), new RunData(d.metrics(), d.params(), d.tags()), new RunInputs(d.inputs()));
  }

  /** MLflow clients send {@code run_id}, older ones {@code run_uuid}. */
  static @Nullable String runId(@Nullable String runId, @Nullable String runUuid) {
    return runId != null && !runId.isBlank() ? runId : runUuid;
  }

  static <T> List<T> orEmpty(@Nullable List<T> list) {
    return list == null ? List.of() : list;
  }
}
