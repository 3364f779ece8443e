package io.fathom.controlplane.mlflow.models;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tags, params and run outputs of logged models (plain SQL; callers hold the transaction and have
 * already checked that the model belongs to the caller's project).
 */
@Singleton
public class LoggedModelExtras {
  private final JdbcOperations jdbc;

  public LoggedModelExtras(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  public void setTag(UUID modelId, String key, String value) {
    update("DELETE FROM mlflow_logged_model_tags WHERE model_id = ? AND tag_key = ?", modelId, key);
    update(
        "INSERT INTO mlflow_logged_model_tags (model_id, tag_key, tag_value) VALUES (?, ?, ?)",
        modelId,
        key,
        value);
  }

  public boolean deleteTag(UUID modelId, String key) {
    return update(
            "DELETE FROM mlflow_logged_model_tags WHERE model_id = ? AND tag_key = ?", modelId, key)
        > 0;
  }

  /** Params are immutable in MLflow: logging the same key again with another value is refused. */
  public boolean setParam(UUID modelId, String key, String value) {
    Map<String, List<KeyValue>> existing = pairs("params", List.of(modelId));
    for (KeyValue param : existing.getOrDefault(modelId.toString(), List.of())) {
      if (param.key().equals(key)) {
        return param.value().equals(value);
      }
    }
    update(
        "INSERT INTO mlflow_logged_model_params (model_id, param_key, param_value) VALUES (?, ?, ?)",
        modelId,
        key,
        value);
    return true;
  }

  public void linkOutput(UUID projectId, String runId, UUID modelId, long step) {
    update(
        "DELETE FROM mlflow_run_model_outputs WHERE run_uuid = ? AND model_id = ?", runId, modelId);
    update(
        "INSERT INTO mlflow_run_model_outputs (run_uuid, model_id, project_id, step)"
            + " VALUES (?, ?, ?, ?)",
        runId,
        modelId,
        projectId,
        step);
  }

  public boolean runExists(UUID projectId, String runId) {
    return jdbc.prepareStatement(
        "SELECT 1 FROM mlflow_runs WHERE run_uuid = ? AND project_id = ?",
        s -> {
          s.setString(1, runId);
          s.setObject(2, projectId);
          try (ResultSet rs = s.executeQuery()) {
            return rs.next();
          }
        });
  }

  /** Tags of each model, by model id (as text), sorted by key. */
  public Map<String, List<KeyValue>> tags(Collection<UUID> modelIds) {
    return pairs("tags", modelIds);
  }

  public Map<String, List<KeyValue>> params(Collection<UUID> modelIds) {
    return pairs("params", modelIds);
  }

  private Map<String, List<KeyValue>> pairs(String what, Collection<UUID> modelIds) {
    Map<String, List<KeyValue>> result = new LinkedHashMap<>();
    if (modelIds.isEmpty()) {
      return result;
    }
    String prefix = what.equals("tags") ? "tag" : "param";
    String sql =
        "SELECT model_id, %1$s_key, %1$s_value FROM mlflow_logged_model_%2$s WHERE model_id IN (%3$s)"
                .formatted(
                    prefix, what, String.join(", ", modelIds.stream().map(id -> "?").toList()))
            + " ORDER BY model_id, "
            + prefix
            + "_key";
    jdbc.prepareStatement(
        sql,
        s -> {
          int i = 1;
          for (UUID id : modelIds) {
            s.setObject(i++, id);
          }
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              result
                  .computeIfAbsent(rs.getObject(1).toString(), k -> new ArrayList<>())
                  .add(new KeyValue(rs.getString(2), rs.getString(3)));
            }
          }
          return null;
        });
    return result;
  }

  private int update(String sql, Object... params) {
    return jdbc.prepareStatement(
        sql,
        s -> {
          for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
          }
          return s.executeUpdate();
        });
  }
}
