package io.fathom.controlplane.function;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;
import java.util.UUID;

/** Functions, always looked up together with their project so tenants never cross. */
@JdbcRepository(dialect = Dialect.ANSI)
public interface FunctionRepository extends CrudRepository<FunctionEntity, UUID> {
  Optional<FunctionEntity> findByIdAndProjectId(UUID id, UUID projectId);

  boolean existsByProjectIdAndName(UUID projectId, String name);

  void updateLatestRevision(@Id UUID id, int latestRevision);
}
