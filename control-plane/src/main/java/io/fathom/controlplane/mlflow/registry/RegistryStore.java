package io.fathom.controlplane.mlflow.registry;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Registered models, their tags and aliases; every statement is scoped to one project. */
@Singleton
class RegistryStore {
  private static final String[] CHILD_TABLES = {
    "mlflow_model_version_tags",
    "mlflow_model_versions",
    "mlflow_registered_model_aliases",
    "mlflow_registered_model_tags"
  };

  private final Sql sql;

  RegistryStore(Sql sql) {
    this.sql = sql;
  }

  @Transactional
  void insert(UUID projectId, RegisteredModel model, Map<String, String> tags) {
    sql.update(
        "INSERT INTO mlflow_registered_models (project_id, name, description, user_id,"
            + " creation_time, last_updated_time) VALUES (?, ?, ?, ?, ?, ?)",
        projectId,
        model.name(),
        model.description(),
        model.userId(),
        model.createdAt(),
        model.updatedAt());
    tags.forEach((key, value) -> setTag(projectId, model.name(), key, value));
  }

  @Transactional(readOnly = true)
  Optional<RegisteredModel> find(UUID projectId, String name) {
    return sql.one(
        "SELECT * FROM mlflow_registered_models WHERE project_id = ? AND name = ?",
        RegistryStore::model,
        projectId,
        name);
  }

  void touch(UUID projectId, String name, long now) {
    sql.update(
        "UPDATE mlflow_registered_models SET last_updated_time = ? WHERE project_id = ? AND name = ?",
        now,
        projectId,
        name);
  }

  void describe(UUID projectId, String name, String description, long now) {
    sql.update(
        "UPDATE mlflow_registered_models SET description = ?, last_updated_time = ?"
            + " WHERE project_id = ? AND name = ?",
        description,
        now,
        projectId,
        name);
  }

  /** Renames the model and everything keyed by its name, in one transaction. */
  @Transactional
  void rename(UUID projectId, String name, String newName, long now) {
    sql.update(
        "UPDATE mlflow_registered_models SET name = ?, last_updated_time = ?"
            + " WHERE project_id = ? AND name = ?",
        newName,
        now,
        projectId,
        name);
    for (String table : CHILD_TABLES) {
      sql.update(
          "UPDATE " + table + " SET name = ? WHERE project_id = ? AND name = ?",
          newName,
          projectId,
          name);
    }
  }

  @Transactional
  void delete(UUID projectId, String name) {
    for (String table : CHILD_TABLES) {
      sql.update("DELETE FROM " + table + " WHERE project_id = ? AND name = ?", projectId, name);
    }
    sql.update(
        "DELETE FROM mlflow_registered_models WHERE project_id = ? AND name = ?", projectId, name);
  }

  void setTag(UUID projectId, String name, String key, String value) {
    sql.update(
        "DELETE FROM mlflow_registered_model_tags WHERE project_id = ? AND name = ? AND tag_key = ?",
        projectId,
        name,
        key);
    sql.update(
        "INSERT INTO mlflow_registered_model_tags (project_id, name, tag_key, tag_value)"
            + " VALUES (?, ?, ?, ?)",
        projectId,
        name,
        key,
        value);
  }

  int deleteTag(UUID projectId, String name, String key) {
    return sql.update(
        "DELETE FROM mlflow_registered_model_tags WHERE project_id = ? AND name = ? AND tag_key = ?",
        projectId,
        name,
        key);
  }

  Map<String, String> tags(UUID projectId, String name) {
    Map<String, String> tags = new LinkedHashMap<>();
    sql.query(
        "SELECT tag_key, tag_value FROM mlflow_registered_model_tags"
            + " WHERE project_id = ? AND name = ? ORDER BY tag_key",
        rs -> tags.put(rs.getString(1), rs.getString(2)),
        projectId,
        name);
    return tags;
  }

  void setAlias(UUID projectId, String name, String alias, int version) {
    sql.update(
        "DELETE FROM mlflow_registered_model_aliases WHERE project_id = ? AND name = ? AND alias = ?",
        projectId,
        name,
        alias);
    sql.update(
        "INSERT INTO mlflow_registered_model_aliases (project_id, name, alias, version)"
            + " VALUES (?, ?, ?, ?)",
        projectId,
        name,
        alias,
        version);
  }

  int deleteAlias(UUID projectId, String name, String alias) {
    return sql.update(
        "DELETE FROM mlflow_registered_model_aliases WHERE project_id = ? AND name = ? AND alias = ?",
        projectId,
        name,
        alias);
  }

  Optional<Integer> alias(UUID projectId, String name, String alias) {
    return sql.one(
        "SELECT version FROM mlflow_registered_model_aliases"
            + " WHERE project_id = ? AND name = ? AND alias = ?",
        rs -> rs.getInt(1),
        projectId,
        name,
        alias);
  }

  /** Alias to version, by alias. */
  Map<String, Integer> aliases(UUID projectId, String name) {
    Map<String, Integer> aliases = new LinkedHashMap<>();
    sql.query(
        "SELECT alias, version FROM mlflow_registered_model_aliases"
            + " WHERE project_id = ? AND name = ? ORDER BY alias",
        rs -> aliases.put(rs.getString(1), rs.getInt(2)),
        projectId,
        name);
    return aliases;
  }

  List<RegisteredModel> search(UUID projectId, SearchQuery.Sql where, int limit, long offset) {
    List<Object> parameters = new java.util.ArrayList<>();
    parameters.add(projectId);
    parameters.addAll(where.parameters());
    parameters.add(limit);
    parameters.add(offset);
    return sql.query(
        "SELECT * FROM mlflow_registered_models t WHERE t.project_id = ? AND ("
            + where.condition()
            + ") ORDER BY "
            + where.orderBy()
            + " LIMIT ? OFFSET ?",
        RegistryStore::model,
        parameters.toArray());
  }

  static RegisteredModel model(ResultSet rs) throws SQLException {
    return new RegisteredModel(
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("user_id"),
        rs.getLong("creation_time"),
        rs.getLong("last_updated_time"));
  }
}
