package io.fathom.controlplane.mlflow.models;

import io.fathom.controlplane.mlflow.artifacts.ArtifactListener;
import io.fathom.controlplane.mlflow.artifacts.ArtifactPath;
import io.fathom.controlplane.mlflow.artifacts.ArtifactUris;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Keeps logged models in step with uploads through the artifact proxy. A model that is no longer
 * pending is read again when a file lands in its directory (a late {@code MLmodel} or model file).
 * Models logged the older way, as files in a run's artifacts ({@code
 * <experiment>/<run_id>/artifacts/<name>/MLmodel}) with no logged model created first, become one
 * when their {@code MLmodel} arrives.
 */
@Singleton
public class LoggedModelArtifacts implements ArtifactListener {
  private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{32}");

  private final LoggedModelRepository models;
  private final ModelInspector inspector;
  private final JdbcOperations jdbc;

  public LoggedModelArtifacts(
      LoggedModelRepository models, ModelInspector inspector, JdbcOperations jdbc) {
    this.models = models;
    this.inspector = inspector;
    this.jdbc = jdbc;
  }

  @Override
  @Transactional
  public void stored(UUID projectId, ArtifactPath path) {
    List<String> ancestors = new ArrayList<>();
    for (ArtifactPath dir = path.parent(); !dir.isRoot(); dir = dir.parent()) {
      ancestors.add(ArtifactUris.of(dir));
    }
    if (ancestors.isEmpty()) {
      return;
    }
    List<LoggedModelEntity> owners =
        models.findByProjectIdAndArtifactLocationInList(projectId, ancestors);
    long now = System.currentTimeMillis();
    for (LoggedModelEntity model : owners) {
      if (model.statusValue() != LoggedModelStatus.PENDING) {
        models.update(model.inspected(inspector.inspect(projectId, model.artifactPath()), now));
      }
    }
    if (owners.isEmpty() && path.name().equals("MLmodel")) {
      olderWay(projectId, path.parent(), now);
    }
  }

  /** {@code <experiment>/<run_id>/artifacts/<name…>/MLmodel} of a run of this project. */
  private void olderWay(UUID projectId, ArtifactPath dir, long now) {
    List<String> s = dir.segments();
    if (s.size() < 4 || !RUN_ID.matcher(s.get(1)).matches() || !s.get(2).equals("artifacts")) {
      return;
    }
    Optional<Long> experiment = runExperiment(projectId, s.get(1), s.get(0));
    if (experiment.isEmpty()) {
      return;
    }
    LoggedModelId id = LoggedModelId.random();
    String name = String.join("/", s.subList(3, s.size()));
    LoggedModelEntity created =
        new LoggedModelEntity(
            id.uuid(),
            id.mlflow(),
            projectId,
            experiment.get(),
            name,
            s.get(1),
            null,
            ArtifactUris.of(dir),
            LoggedModelStatus.PENDING.wire(),
            null,
            ModelKind.UNKNOWN.wire(),
            null,
            null,
            null,
            null,
            null,
            now,
            now);
    models.save(created.inspected(inspector.inspect(projectId, dir), now));
  }

  private Optional<Long> runExperiment(UUID projectId, String runId, String experimentId) {
    return jdbc.prepareStatement(
        "SELECT experiment_id FROM mlflow_runs WHERE run_uuid = ? AND project_id = ?",
        st -> {
          st.setString(1, runId);
          st.setObject(2, projectId);
          try (ResultSet rs = st.executeQuery()) {
            if (!rs.next() || !String.valueOf(rs.getLong(1)).equals(experimentId)) {
              return Optional.empty();
            }
            return Optional.of(rs.getLong(1));
          }
        });
  }
}
