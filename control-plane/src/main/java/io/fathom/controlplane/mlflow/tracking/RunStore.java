package io.fathom.controlplane.mlflow.tracking;

import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** SQL for runs and their params, metrics and tags; run lookups name the project. */
@Singleton
public class RunStore {
  public static final String COLUMNS =
      "r.run_uuid, r.project_id, r.experiment_id, r.run_name, r.user_id, r.status, r.start_time,"
          + " r.end_time, r.lifecycle_stage, r.artifact_uri";

  private final TrackingSql sql;
  private final RunDataStore data;

  public RunStore(TrackingSql sql, RunDataStore data) {
    this.sql = sql;
    this.data = data;
  }

  public void insert(RunRecord run) {
    sql.update(
        "INSERT INTO mlflow_runs (run_uuid, project_id, experiment_id, run_name, user_id, status,"
            + " start_time, end_time, lifecycle_stage, artifact_uri) VALUES (?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?)",
        run.runUuid(),
        run.projectId(),
        run.experimentId(),
        run.runName(),
        run.userId(),
        run.status().name(),
        run.startTime(),
        run.endTime(),
        run.lifecycleStage(),
        run.artifactUri());
  }

  public Optional<RunRecord> byId(UUID projectId, String runUuid) {
    return sql.one(
        "SELECT " + COLUMNS + " FROM mlflow_runs r WHERE r.project_id = ? AND r.run_uuid = ?",
        RunStore::row,
        projectId,
        runUuid);
  }

  public void update(RunRecord run) {
    sql.update(
        "UPDATE mlflow_runs SET run_name = ?, status = ?, end_time = ? WHERE run_uuid = ?",
        run.runName(),
        run.status().name(),
        run.endTime(),
        run.runUuid());
  }

  public void setLifecycle(String runUuid, String stage) {
    sql.update(
        "UPDATE mlflow_runs SET lifecycle_stage = ?, deleted_time = ? WHERE run_uuid = ?",
        stage,
        stage.equals(ExperimentRecord.DELETED) ? System.currentTimeMillis() : null,
        runUuid);
  }

  /** Rows of a query selecting {@link #COLUMNS}. */
  public List<RunRecord> list(String query, List<?> params) {
    return sql.list(query, RunStore::row, params);
  }

  /** Runs of a query selecting {@link #COLUMNS}, with all their data, in the query's order. */
  public List<RunDetails> details(String query, List<?> params) {
    return details(sql.list(query, RunStore::row, params));
  }

  public List<RunDetails> details(List<RunRecord> runs) {
    if (runs.isEmpty()) {
      return List.of();
    }
    List<Object> ids = new ArrayList<>();
    runs.forEach(r -> ids.add(r.runUuid()));
    Map<String, List<Metric>> metrics = data.latestMetrics(ids);
    Map<String, List<Tag>> params = data.pairs("mlflow_params", ids);
    Map<String, List<Tag>> tags = data.pairs("mlflow_run_tags", ids);
    Map<String, List<DatasetInput>> inputs = data.inputs(ids);
    List<RunDetails> out = new ArrayList<>();
    for (RunRecord run : runs) {
      String id = run.runUuid();
      out.add(
          new RunDetails(
              run,
              metrics.getOrDefault(id, List.of()),
              params.getOrDefault(id, List.of()),
              tags.getOrDefault(id, List.of()),
              inputs.getOrDefault(id, List.of())));
    }
    return out;
  }

  static RunRecord row(ResultSet rs) throws SQLException {
    return new RunRecord(
        rs.getString("run_uuid"),
        rs.getObject("project_id", UUID.class),
        rs.getLong("experiment_id"),
        rs.getString("run_name"),
        rs.getString("user_id"),
        RunStatus.valueOf(rs.getString("status")),
        TrackingSql.longOrNull(rs, "start_time"),
        TrackingSql.longOrNull(rs, "end_time"),
        rs.getString("lifecycle_stage"),
        rs.getString("artifact_uri"));
  }

  static <K, V> void add(Map<K, List<V>> map, K key, V value) {
    map.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }

  static <K, V> Map<K, List<V>> grouped() {
    return new HashMap<>();
  }
}
