package io.fathom.controlplane.ml.deployments;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Model deployments, always looked up with their project so tenants never cross. */
@JdbcRepository(dialect = Dialect.ANSI)
public interface MlDeploymentRepository extends CrudRepository<MlDeploymentEntity, UUID> {
  Optional<MlDeploymentEntity> findByIdAndProjectId(UUID id, UUID projectId);

  boolean existsByProjectIdAndName(UUID projectId, String name);

  List<MlDeploymentEntity> findByStatus(String status);

  Optional<MlDeploymentEntity> findByRunningWorkload(UUID runningWorkload);
}
