package io.fathom.controlplane.mlflow.tracking;

import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** SQL for experiments and their tags; every query names the project. */
@Singleton
public class ExperimentStore {
  static final String COLUMNS =
      "e.id, e.uid, e.project_id, e.name, e.artifact_location, e.lifecycle_stage,"
          + " e.creation_time, e.last_update_time";

  private final TrackingSql sql;

  public ExperimentStore(TrackingSql sql) {
    this.sql = sql;
  }

  public ExperimentRecord insert(UUID projectId, String name, long now) {
    long id = sql.nextExperimentId();
    UUID uid = UUID.randomUUID();
    String location = ExperimentRecord.artifactLocation(id);
    sql.update(
        "INSERT INTO mlflow_experiments (id, uid, project_id, name, artifact_location,"
            + " lifecycle_stage, creation_time, last_update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        id,
        uid,
        projectId,
        name,
        location,
        ExperimentRecord.ACTIVE,
        now,
        now);
    return new ExperimentRecord(
        id, uid, projectId, name, location, ExperimentRecord.ACTIVE, now, now, List.of());
  }

  public Optional<ExperimentRecord> byId(UUID projectId, long id) {
    return first(where("e.id = ?", projectId, id));
  }

  public Optional<ExperimentRecord> byName(UUID projectId, String name) {
    return first(where("e.name = ?", projectId, name));
  }

  public Optional<ExperimentRecord> byUid(UUID projectId, UUID uid) {
    return first(where("e.uid = ?", projectId, uid));
  }

  private List<ExperimentRecord> where(String condition, UUID projectId, Object value) {
    return sql.list(
        "SELECT " + COLUMNS + " FROM mlflow_experiments e WHERE e.project_id = ? AND " + condition,
        ExperimentStore::row,
        projectId,
        value);
  }

  private Optional<ExperimentRecord> first(List<ExperimentRecord> rows) {
    return rows.isEmpty() ? Optional.empty() : Optional.of(withTags(rows).getFirst());
  }

  /** Rows of a query that selects {@link #COLUMNS}, with their tags. */
  public List<ExperimentRecord> list(String query, List<?> params) {
    return withTags(sql.list(query, ExperimentStore::row, params));
  }

  public void rename(long id, String name, long now) {
    sql.update(
        "UPDATE mlflow_experiments SET name = ?, last_update_time = ? WHERE id = ?", name, now, id);
  }

  public void setLifecycle(long id, String stage, long now) {
    sql.update(
        "UPDATE mlflow_experiments SET lifecycle_stage = ?, last_update_time = ? WHERE id = ?",
        stage,
        now,
        id);
  }

  public void setTag(long id, String key, String value) {
    int updated =
        sql.update(
            "UPDATE mlflow_experiment_tags SET \"value\" = ? WHERE experiment_id = ? AND \"key\" = ?",
            value,
            id,
            key);
    if (updated == 0) {
      sql.update(
          "INSERT INTO mlflow_experiment_tags (experiment_id, \"key\", \"value\") VALUES (?, ?, ?)",
          id,
          key,
          value);
    }
  }

  private List<ExperimentRecord> withTags(List<ExperimentRecord> rows) {
    if (rows.isEmpty()) {
      return rows;
    }
    Map<Long, List<Tag>> tags = new LinkedHashMap<>();
    List<Object> ids = new ArrayList<>();
    rows.forEach(r -> ids.add(r.id()));
    sql.list(
        "SELECT experiment_id, \"key\", \"value\" FROM mlflow_experiment_tags WHERE experiment_id"
            + " IN ("
            + TrackingSql.placeholders(ids.size())
            + ") ORDER BY \"key\"",
        rs -> {
          tags.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
              .add(new Tag(rs.getString(2), rs.getString(3)));
          return null;
        },
        ids);
    return rows.stream()
        .map(
            r ->
                new ExperimentRecord(
                    r.id(),
                    r.uid(),
                    r.projectId(),
                    r.name(),
                    r.artifactLocation(),
                    r.lifecycleStage(),
                    r.creationTime(),
                    r.lastUpdateTime(),
                    List.copyOf(tags.getOrDefault(r.id(), List.of()))))
        .toList();
  }

  static ExperimentRecord row(ResultSet rs) throws SQLException {
    return new ExperimentRecord(
        rs.getLong("id"),
        rs.getObject("uid", UUID.class),
        rs.getObject("project_id", UUID.class),
        rs.getString("name"),
        rs.getString("artifact_location"),
        rs.getString("lifecycle_stage"),
        rs.getLong("creation_time"),
        rs.getLong("last_update_time"),
        List.of());
  }
}
