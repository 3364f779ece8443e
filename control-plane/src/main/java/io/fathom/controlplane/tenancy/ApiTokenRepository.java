package io.fathom.controlplane.tenancy;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.ANSI)
public interface ApiTokenRepository extends CrudRepository<ApiToken, UUID> {
  Optional<ApiToken> findByTokenHash(String tokenHash);

  Optional<ApiToken> findByIdAndOrganizationId(UUID id, UUID organizationId);

  Page<ApiToken> findByOrganizationId(UUID organizationId, Pageable pageable);

  Page<ApiToken> findByOrganizationIdAndUserId(UUID organizationId, UUID userId, Pageable pageable);

  void updateRevokedAt(@Id UUID id, Instant revokedAt);

  void updateLastUsedAt(@Id UUID id, Instant lastUsedAt);
}
