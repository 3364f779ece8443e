package io.fathom.controlplane.mlflow.models;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Logged models, always looked up with their project so tenants never cross. */
@JdbcRepository(dialect = Dialect.ANSI)
public interface LoggedModelRepository extends CrudRepository<LoggedModelEntity, UUID> {
  Optional<LoggedModelEntity> findByIdAndProjectId(UUID id, UUID projectId);

  List<LoggedModelEntity> findByProjectIdAndArtifactLocationInList(
      UUID projectId, List<String> artifactLocations);
}
