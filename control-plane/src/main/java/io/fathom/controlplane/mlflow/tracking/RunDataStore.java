package io.fathom.controlplane.mlflow.tracking;

import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for a run's params, metrics (history and latest), tags and dataset inputs. */
@Singleton
public class RunDataStore {
  private static final int CHUNK = 1000;

  private final TrackingSql sql;
  private final ObjectMapper json;

  public RunDataStore(TrackingSql sql, ObjectMapper json) {
    this.sql = sql;
    this.json = json;
  }

  public Optional<String> param(String runUuid, String key) {
    return sql.one(
        "SELECT \"value\" FROM mlflow_params WHERE run_uuid = ? AND \"key\" = ?",
        rs -> rs.getString(1),
        runUuid,
        key);
  }

  public void insertParam(String runUuid, String key, String value) {
    sql.update(
        "INSERT INTO mlflow_params (run_uuid, \"key\", \"value\") VALUES (?, ?, ?)",
        runUuid,
        key,
        value);
  }

  public void setTag(String runUuid, String key, String value) {
    int updated =
        sql.update(
            "UPDATE mlflow_run_tags SET \"value\" = ? WHERE run_uuid = ? AND \"key\" = ?",
            value,
            runUuid,
            key);
    if (updated == 0) {
      sql.update(
          "INSERT INTO mlflow_run_tags (run_uuid, \"key\", \"value\") VALUES (?, ?, ?)",
          runUuid,
          key,
          value);
    }
  }

  public boolean deleteTag(String runUuid, String key) {
    return sql.update(
            "DELETE FROM mlflow_run_tags WHERE run_uuid = ? AND \"key\" = ?", runUuid, key)
        > 0;
  }

  /**
   * Appends every metric to the history in one JDBC batch, then moves each key's latest value once,
   * to the newest of the batch if it beats the stored one (by step, time, then value).
   */
  public void logMetrics(String runUuid, List<Metric> metrics) {
    sql.batch(
        "INSERT INTO mlflow_metrics (run_uuid, \"key\", \"value\", \"timestamp\", step)"
            + " VALUES (?, ?, ?, ?, ?)",
        metrics.stream()
            .<List<?>>map(m -> List.of(runUuid, m.key(), m.value(), m.timestamp(), m.step()))
            .toList());
    Map<String, Metric> newest = new java.util.LinkedHashMap<>();
    for (Metric m : metrics) {
      newest.merge(m.key(), m, (a, b) -> newer(b, a) ? b : a);
    }
    newest.values().forEach(m -> moveLatest(runUuid, m));
  }

  private void moveLatest(String runUuid, Metric m) {
    Optional<Metric> latest =
        sql.one(
            "SELECT \"key\", \"value\", \"timestamp\", step FROM mlflow_latest_metrics"
                + " WHERE run_uuid = ? AND \"key\" = ?",
            rs -> new Metric(rs.getString(1), rs.getDouble(2), rs.getLong(3), rs.getLong(4)),
            runUuid,
            m.key());
    if (latest.isEmpty()) {
      sql.update(
          "INSERT INTO mlflow_latest_metrics (run_uuid, \"key\", \"value\", \"timestamp\", step)"
              + " VALUES (?, ?, ?, ?, ?)",
          runUuid,
          m.key(),
          m.value(),
          m.timestamp(),
          m.step());
    } else if (newer(m, latest.get())) {
      sql.update(
          "UPDATE mlflow_latest_metrics SET \"value\" = ?, \"timestamp\" = ?, step = ?"
              + " WHERE run_uuid = ? AND \"key\" = ?",
          m.value(),
          m.timestamp(),
          m.step(),
          runUuid,
          m.key());
    }
  }

  private static boolean newer(Metric a, Metric b) {
    int byStep = Long.compare(a.step(), b.step());
    if (byStep != 0) {
      return byStep > 0;
    }
    int byTime = Long.compare(a.timestamp(), b.timestamp());
    return byTime != 0 ? byTime > 0 : Double.compare(a.value(), b.value()) >= 0;
  }

  public List<Metric> history(String runUuid, String key) {
    return sql.list(
        "SELECT \"key\", \"value\", \"timestamp\", step FROM mlflow_metrics WHERE run_uuid = ?"
            + " AND \"key\" = ? ORDER BY step, \"timestamp\"",
        rs -> new Metric(rs.getString(1), rs.getDouble(2), rs.getLong(3), rs.getLong(4)),
        runUuid,
        key);
  }

  public void insertInput(String runUuid, DatasetInput input) {
    DatasetInput.Dataset d = input.dataset();
    boolean known =
        !sql.list(
                "SELECT 1 FROM mlflow_run_inputs WHERE run_uuid = ? AND name = ? AND digest = ?",
                rs -> 1,
                runUuid,
                d.name(),
                d.digest())
            .isEmpty();
    if (!known) {
      sql.update(
          "INSERT INTO mlflow_run_inputs (run_uuid, name, digest, source_type, source,"
              + " dataset_schema, profile, input_tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          runUuid,
          d.name(),
          d.digest(),
          d.sourceType(),
          d.source(),
          d.schema(),
          d.profile(),
          write(input.tags() == null ? List.of() : input.tags()));
    }
  }

  Map<String, List<Metric>> latestMetrics(List<Object> ids) {
    Map<String, List<Metric>> out = RunStore.grouped();
    for (List<Object> chunk : chunks(ids)) {
      sql.list(
          "SELECT run_uuid, \"key\", \"value\", \"timestamp\", step FROM mlflow_latest_metrics"
              + " WHERE run_uuid IN ("
              + TrackingSql.placeholders(chunk.size())
              + ") ORDER BY \"key\"",
          rs -> {
            RunStore.add(
                out,
                rs.getString(1),
                new Metric(rs.getString(2), rs.getDouble(3), rs.getLong(4), rs.getLong(5)));
            return null;
          },
          chunk);
    }
    return out;
  }

  /** Params or tags ({@code table} is a constant of this package). */
  Map<String, List<Tag>> pairs(String table, List<Object> ids) {
    Map<String, List<Tag>> out = RunStore.grouped();
    for (List<Object> chunk : chunks(ids)) {
      sql.list(
          "SELECT run_uuid, \"key\", \"value\" FROM "
              + table
              + " WHERE run_uuid IN ("
              + TrackingSql.placeholders(chunk.size())
              + ") ORDER BY \"key\"",
          rs -> {
            RunStore.add(out, rs.getString(1), new Tag(rs.getString(2), rs.getString(3)));
            return null;
          },
          chunk);
    }
    return out;
  }

  Map<String, List<DatasetInput>> inputs(List<Object> ids) {
    Map<String, List<DatasetInput>> out = RunStore.grouped();
    for (List<Object> chunk : chunks(ids)) {
      sql.list(
          "SELECT run_uuid, name, digest, source_type, source, dataset_schema, profile,"
              + " input_tags FROM mlflow_run_inputs WHERE run_uuid IN ("
              + TrackingSql.placeholders(chunk.size())
              + ") ORDER BY name",
          rs -> {
            var dataset =
                new DatasetInput.Dataset(
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7));
            RunStore.add(
                out, rs.getString(1), new DatasetInput(readTags(rs.getString(8)), dataset));
            return null;
          },
          chunk);
    }
    return out;
  }

  private static List<List<Object>> chunks(List<Object> ids) {
    List<List<Object>> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += CHUNK) {
      out.add(ids.subList(i, Math.min(ids.size(), i + CHUNK)));
    }
    return out;
  }

  private String write(List<Tag> tags) {
    try {
      return json.writeValueAsString(tags);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Tag> readTags(String text) {
    try {
      return List.of(json.readValue(text, Tag[].class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
