package io.fathom.controlplane.tenancy;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.ANSI)
public interface ProjectRepository extends CrudRepository<Project, UUID> {
  Optional<Project> findByIdAndOrganizationId(UUID id, UUID organizationId);

  boolean existsByOrganizationIdAndName(UUID organizationId, String name);

  Page<Project> findByOrganizationId(UUID organizationId, Pageable pageable);

  Page<Project> findById(UUID id, Pageable pageable);
}
