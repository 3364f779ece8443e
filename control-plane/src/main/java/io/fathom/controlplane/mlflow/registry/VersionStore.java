package io.fathom.controlplane.mlflow.registry;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Model versions and their tags; every statement is scoped to one project. */
@Singleton
class VersionStore {
  private final Sql sql;

  VersionStore(Sql sql) {
    this.sql = sql;
  }

  /**
   * Inserts {@code version} as the model's next number and touches the model, in one transaction;
   * two racing creates collide on the primary key and the loser retries in {@link VersionService}.
   */
  @Transactional
  ModelVersion append(UUID projectId, ModelVersion version, Map<String, String> tags) {
    int next =
        sql.one(
                    "SELECT COALESCE(MAX(version), 0) FROM mlflow_model_versions"
                        + " WHERE project_id = ? AND name = ?",
                    rs -> rs.getInt(1),
                    projectId,
                    version.name())
                .orElse(0)
            + 1;
    ModelVersion numbered =
        new ModelVersion(
            version.name(),
            next,
            version.description(),
            version.userId(),
            version.source(),
            version.storageLocation(),
            version.runId(),
            version.runLink(),
            version.modelId(),
            version.stage(),
            version.status(),
            version.createdAt(),
            version.updatedAt());
    sql.update(
        "INSERT INTO mlflow_model_versions (project_id, name, version, description, user_id,"
            + " source, storage_location, run_id, run_link, model_id, current_stage, status,"
            + " creation_time, last_updated_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        projectId,
        numbered.name(),
        numbered.version(),
        numbered.description(),
        numbered.userId(),
        numbered.source(),
        numbered.storageLocation(),
        numbered.runId(),
        numbered.runLink(),
        numbered.modelId(),
        numbered.stage().wireName(),
        numbered.status(),
        numbered.createdAt(),
        numbered.updatedAt());
    tags.forEach((key, value) -> setTag(projectId, numbered.name(), next, key, value));
    sql.update(
        "UPDATE mlflow_registered_models SET last_updated_time = ? WHERE project_id = ? AND name = ?",
        numbered.createdAt(),
        projectId,
        numbered.name());
    return numbered;
  }

  @Transactional(readOnly = true)
  Optional<ModelVersion> find(UUID projectId, String name, int version) {
    return sql.one(
        "SELECT * FROM mlflow_model_versions WHERE project_id = ? AND name = ? AND version = ?",
        VersionStore::version,
        projectId,
        name,
        version);
  }

  /** The highest version of each stage, for {@code latest_versions}; all stages when empty. */
  List<ModelVersion> latest(UUID projectId, String name, List<Stage> stages) {
    List<ModelVersion> latest = new ArrayList<>();
    for (ModelVersion v :
        sql.query(
            "SELECT * FROM mlflow_model_versions v WHERE project_id = ? AND name = ? AND version ="
                + " (SELECT MAX(version) FROM mlflow_model_versions w WHERE w.project_id ="
                + " v.project_id AND w.name = v.name AND w.current_stage = v.current_stage)"
                + " ORDER BY version",
            VersionStore::version,
            projectId,
            name)) {
      if (stages.isEmpty() || stages.contains(v.stage())) {
        latest.add(v);
      }
    }
    return latest;
  }

  void describe(UUID projectId, String name, int version, String description, long now) {
    sql.update(
        "UPDATE mlflow_model_versions SET description = ?, last_updated_time = ?"
            + " WHERE project_id = ? AND name = ? AND version = ?",
        description,
        now,
        projectId,
        name,
        version);
  }

  /** Moves one version to {@code stage}; with {@code archiveOthers}, archives the rest there. */
  @Transactional
  void transition(
      UUID projectId, String name, int version, Stage stage, boolean archiveOthers, long now) {
    if (archiveOthers && (stage == Stage.STAGING || stage == Stage.PRODUCTION)) {
      sql.update(
          "UPDATE mlflow_model_versions SET current_stage = ?, last_updated_time = ?"
              + " WHERE project_id = ? AND name = ? AND current_stage = ? AND version <> ?",
          Stage.ARCHIVED.wireName(),
          now,
          projectId,
          name,
          stage.wireName(),
          version);
    }
    sql.update(
        "UPDATE mlflow_model_versions SET current_stage = ?, last_updated_time = ?"
            + " WHERE project_id = ? AND name = ? AND version = ?",
        stage.wireName(),
        now,
        projectId,
        name,
        version);
  }

  /** Deletes the version, its tags and the aliases that point at it. */
  @Transactional
  void delete(UUID projectId, String name, int version) {
    for (String table :
        List.of(
            "mlflow_model_version_tags",
            "mlflow_registered_model_aliases",
            "mlflow_model_versions")) {
      sql.update(
          "DELETE FROM " + table + " WHERE project_id = ? AND name = ? AND version = ?",
          projectId,
          name,
          version);
    }
  }

  void setTag(UUID projectId, String name, int version, String key, String value) {
    deleteTag(projectId, name, version, key);
    sql.update(
        "INSERT INTO mlflow_model_version_tags (project_id, name, version, tag_key, tag_value)"
            + " VALUES (?, ?, ?, ?, ?)",
        projectId,
        name,
        version,
        key,
        value);
  }

  int deleteTag(UUID projectId, String name, int version, String key) {
    return sql.update(
        "DELETE FROM mlflow_model_version_tags"
            + " WHERE project_id = ? AND name = ? AND version = ? AND tag_key = ?",
        projectId,
        name,
        version,
        key);
  }

  Map<String, String> tags(UUID projectId, String name, int version) {
    Map<String, String> tags = new LinkedHashMap<>();
    sql.query(
        "SELECT tag_key, tag_value FROM mlflow_model_version_tags"
            + " WHERE project_id = ? AND name = ? AND version = ? ORDER BY tag_key",
        rs -> tags.put(rs.getString(1), rs.getString(2)),
        projectId,
        name,
        version);
    return tags;
  }

  List<String> aliases(UUID projectId, String name, int version) {
    return sql.query(
        "SELECT alias FROM mlflow_registered_model_aliases"
            + " WHERE project_id = ? AND name = ? AND version = ? ORDER BY alias",
        rs -> rs.getString(1),
        projectId,
        name,
        version);
  }

  List<ModelVersion> search(UUID projectId, SearchQuery.Sql where, int limit, long offset) {
    List<Object> parameters = new ArrayList<>();
    parameters.add(projectId);
    parameters.addAll(where.parameters());
    parameters.add(limit);
    parameters.add(offset);
    return sql.query(
        "SELECT * FROM mlflow_model_versions t WHERE t.project_id = ? AND ("
            + where.condition()
            + ") ORDER BY "
            + where.orderBy()
            + " LIMIT ? OFFSET ?",
        VersionStore::version,
        parameters.toArray());
  }

  static ModelVersion version(ResultSet rs) throws SQLException {
    return new ModelVersion(
        rs.getString("name"),
        rs.getInt("version"),
        rs.getString("description"),
        rs.getString("user_id"),
        rs.getString("source"),
        rs.getString("storage_location"),
        rs.getString("run_id"),
        rs.getString("run_link"),
        rs.getString("model_id"),
        Stage.parse(rs.getString("current_stage")),
        rs.getString("status"),
        rs.getLong("creation_time"),
        rs.getLong("last_updated_time"));
  }
}
