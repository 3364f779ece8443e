package io.fathom.controlplane.source;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.ANSI)
public interface SourceRevisionRepository extends CrudRepository<SourceRevision, UUID> {
  Optional<SourceRevision> findByFunctionIdAndNumber(UUID functionId, int number);

  Page<SourceRevision> findByFunctionId(UUID functionId, Pageable pageable);
}
