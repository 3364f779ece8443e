package io.fathom.controlplane.mlflow.tracking;

import io.fathom.controlplane.mlflow.MlflowException;
import io.fathom.controlplane.tenancy.ProjectScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Logging to an active run: params (write-once), metrics, tags, batches, datasets, models. */
@Singleton
public class RunLogging {
  public static final int MAX_METRICS = 1000;
  public static final int MAX_PARAMS = 100;
  public static final int MAX_TAGS = 100;
  public static final int MAX_ENTITIES = 1000;
  public static final String MODEL_HISTORY_TAG = "mlflow.log-model.history";

  private final RunService runs;
  private final RunDataStore data;
  private final ObjectMapper json;

  public RunLogging(RunService runs, RunDataStore data, ObjectMapper json) {
    this.runs = runs;
    this.data = data;
    this.json = json;
  }

  @Transactional
  public void logParam(ProjectScope scope, @Nullable String runId, Tag param) {
    logBatch(scope, runId, List.of(), List.of(param), List.of());
  }

  @Transactional
  public void logMetric(ProjectScope scope, @Nullable String runId, Metric metric) {
    logBatch(scope, runId, List.of(metric), List.of(), List.of());
  }

  @Transactional
  public void setTag(ProjectScope scope, @Nullable String runId, Tag tag) {
    logBatch(scope, runId, List.of(), List.of(), List.of(tag));
  }

  @Transactional
  public void deleteTag(ProjectScope scope, @Nullable String runId, @Nullable String key) {
    RunRecord run = runs.active(scope, runId);
    String checked = Validation.required("key", key);
    if (!data.deleteTag(run.runUuid(), checked)) {
      throw MlflowException.notFound(
          "No tag with name: " + checked + " in run with id " + run.runUuid());
    }
  }

  /** Checks the whole batch first, so a rejected batch logs nothing. */
  @Transactional
  public void logBatch(
      ProjectScope scope,
      @Nullable String runId,
      List<Metric> metrics,
      List<Tag> params,
      List<Tag> tags) {
    checkLimits(metrics.size(), params.size(), tags.size());
    RunRecord run = runs.active(scope, runId);
    List<Metric> checkedMetrics = new ArrayList<>();
    for (Metric m : metrics) {
      checkedMetrics.add(checkMetric(m));
    }
    Map<String, String> newParams = new HashMap<>();
    for (Tag p : params) {
      String key = Validation.key("param", p.key());
      String value = p.value() == null ? "" : p.value();
      Validation.maxLength("param value", value, Validation.MAX_PARAM_VALUE);
      String before = newParams.putIfAbsent(key, value);
      if (before != null && !before.equals(value)) {
        throw changedParam(run, key, before, value);
      }
    }
    for (Tag t : tags) {
      Validation.tagKey(t.key());
      Validation.tagValue(t.value());
    }
    for (var p : newParams.entrySet()) {
      var existing = data.param(run.runUuid(), p.getKey());
      if (existing.isEmpty()) {
        data.insertParam(run.runUuid(), p.getKey(), p.getValue());
      } else if (!existing.get().equals(p.getValue())) {
        throw changedParam(run, p.getKey(), existing.get(), p.getValue());
      }
    }
    data.logMetrics(run.runUuid(), checkedMetrics);
    tags.forEach(t -> data.setTag(run.runUuid(), t.key(), t.value() == null ? "" : t.value()));
  }

  @Transactional
  public void logInputs(ProjectScope scope, @Nullable String runId, List<DatasetInput> inputs) {
    RunRecord run = runs.active(scope, runId);
    for (DatasetInput input : inputs) {
      DatasetInput.Dataset d = input.dataset();
      if (d == null) {
        throw MlflowException.invalid("Each dataset input needs a 'dataset'");
      }
      Validation.required("dataset.name", d.name());
      Validation.required("dataset.digest", d.digest());
      Validation.required("dataset.source_type", d.sourceType());
      Validation.required("dataset.source", d.source());
      data.insertInput(run.runUuid(), input);
    }
  }

  /** Appends the model's JSON to the run's {@code mlflow.log-model.history} tag, as MLflow does. */
  @Transactional
  public void logModel(ProjectScope scope, @Nullable String runId, @Nullable String modelJson) {
    RunRecord run = runs.active(scope, runId);
    String text = Validation.required("model_json", modelJson);
    try {
      Object model = json.readValue(text, Object.class);
      List<Object> history = new ArrayList<>();
      var current =
          runs.get(scope, run.runUuid()).tags().stream()
              .filter(t -> MODEL_HISTORY_TAG.equals(t.key()))
              .findFirst();
      if (current.isPresent()) {
        history.addAll(List.of(json.readValue(current.get().value(), Object[].class)));
      }
      history.add(model);
      data.setTag(run.runUuid(), MODEL_HISTORY_TAG, json.writeValueAsString(history));
    } catch (IOException e) {
      throw MlflowException.invalid("model_json is not valid JSON: " + e.getMessage());
    }
  }

  static void checkLimits(int metrics, int params, int tags) {
    if (metrics > MAX_METRICS) {
      throw tooMany(MAX_METRICS, "metrics", metrics);
    }
    if (params > MAX_PARAMS) {
      throw tooMany(MAX_PARAMS, "params", params);
    }
    if (tags > MAX_TAGS) {
      throw tooMany(MAX_TAGS, "tags", tags);
    }
    int total = metrics + params + tags;
    if (total > MAX_ENTITIES) {
      throw MlflowException.invalid(
          "A batch logging request can contain at most "
              + MAX_ENTITIES
              + " metrics, params and tags in total. Got "
              + total
              + ". Please split up the request and try again.");
    }
  }

  private static Metric checkMetric(Metric m) {
    String key = Validation.key("metric", m.key());
    if (m.value() == null) {
      throw MlflowException.invalid("Got invalid value null for metric '" + key + "'");
    }
    if (m.timestamp() == null) {
      throw MlflowException.invalid(
          "Missing value for required parameter 'timestamp' of metric '" + key + "'");
    }
    return new Metric(key, m.value(), m.timestamp(), m.step() == null ? 0L : m.step());
  }

  private static MlflowException tooMany(int max, String what, int got) {
    return MlflowException.invalid(
        "A batch logging request can contain at most "
            + max
            + " "
            + what
            + ". Got "
            + got
            + " "
            + what
            + ". Please split up "
            + what
            + " across multiple requests and try again.");
  }

  private static MlflowException changedParam(RunRecord run, String key, String old, String value) {
    return MlflowException.invalid(
        "Changing param values is not allowed. Param with key='"
            + key
            + "' was already logged with value='"
            + old
            + "' for run ID='"
            + run.runUuid()
            + "'. Attempted logging new value '"
            + value
            + "'.");
  }
}
