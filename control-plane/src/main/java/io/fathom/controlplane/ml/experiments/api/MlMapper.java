package io.fathom.controlplane.ml.experiments.api;

import io.fathom.controlplane.ml.experiments.api.MlDtos.ExperimentDetail;
import io.fathom.controlplane.ml.experiments.api.MlDtos.ExperimentView;
import io.fathom.controlplane.ml.experiments.api.MlDtos.RunDetail;
import io.fathom.controlplane.ml.experiments.api.MlDtos.RunView;
import io.fathom.controlplane.ml.experiments.api.MlDtos.TagView;
import io.fathom.controlplane.mlflow.tracking.ExperimentRecord;
import io.fathom.controlplane.mlflow.tracking.Metric;
import io.fathom.controlplane.mlflow.tracking.RunDetails;
import io.fathom.controlplane.mlflow.tracking.RunRecord;
import io.fathom.controlplane.mlflow.tracking.Tag;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Stored experiments and runs to the platform's shapes. MLflow's own {@code mlflow.*} tags are left
 * out; {@code fathom.function_id} names the function that logged the run, if any.
 */
final class MlMapper {
  static final String FUNCTION_TAG = "fathom.function_id";

  private MlMapper() {}

  static ExperimentView experiment(ExperimentRecord e) {
    return new ExperimentView(
        e.uid(),
        String.valueOf(e.id()),
        e.name(),
        functionId(e.tags()),
        Instant.ofEpochMilli(e.creationTime()),
        Instant.ofEpochMilli(e.lastUpdateTime()),
        tags(e.tags()));
  }

  static ExperimentDetail detail(ExperimentRecord e, List<String> metrics, List<String> params) {
    ExperimentView v = experiment(e);
    return new ExperimentDetail(
        v.id(),
        v.remoteId(),
        v.name(),
        v.functionId(),
        v.createdAt(),
        v.updatedAt(),
        v.tags(),
        metrics,
        params);
  }

  static RunView run(RunDetails d, Predicate<String> metric, Predicate<String> param) {
    RunDetail r = detail(d);
    return new RunView(
        r.id(),
        r.remoteId(),
        r.name(),
        r.functionId(),
        r.status(),
        r.createdAt(),
        r.updatedAt(),
        r.tags(),
        metrics(d.metrics(), metric),
        params(d.params(), param));
  }

  static RunDetail detail(RunDetails d) {
    RunRecord r = d.info();
    long start = r.startTime() == null ? 0 : r.startTime();
    return new RunDetail(
        r.uid(),
        r.runUuid(),
        r.runName(),
        functionId(d.tags()),
        r.status().wire(),
        Instant.ofEpochMilli(start),
        Instant.ofEpochMilli(r.endTime() == null ? start : r.endTime()),
        tags(d.tags()));
  }

  /** Latest value per key; NaN and infinities as strings, since JSON has no such numbers. */
  static Map<String, Object> metrics(List<Metric> metrics, Predicate<String> wanted) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Metric m : metrics) {
      if (wanted.test(m.key())) {
        double v = m.value();
        out.put(m.key(), Double.isFinite(v) ? (Object) v : String.valueOf(v));
      }
    }
    return out;
  }

  static Map<String, String> params(List<Tag> params, Predicate<String> wanted) {
    Map<String, String> out = new LinkedHashMap<>();
    params.stream().filter(p -> wanted.test(p.key())).forEach(p -> out.put(p.key(), p.value()));
    return out;
  }

  private static List<TagView> tags(List<Tag> tags) {
    return tags.stream()
        .filter(t -> !t.key().startsWith("mlflow."))
        .map(t -> new TagView(t.key(), t.value()))
        .toList();
  }

  private static @Nullable UUID functionId(List<Tag> tags) {
    for (Tag t : tags) {
      if (FUNCTION_TAG.equals(t.key())) {
        try {
          return UUID.fromString(t.value());
        } catch (IllegalArgumentException | NullPointerException e) {
          return null;
        }
      }
    }
    return null;
  }
}
