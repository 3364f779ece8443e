package io.fathom.controlplane.tenancy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * An API token. Only the SHA-256 of the secret is stored. A token with a {@code projectId} is
 * confined to that project; without one it reaches every project of its organization.
 */
@MappedEntity("api_tokens")
public record ApiToken(
    @Id UUID id,
    UUID organizationId,
    UUID userId,
    @Nullable UUID projectId,
    String name,
    String tokenHash,
    Instant createdAt,
    @Nullable Instant expiresAt,
    @Nullable Instant revokedAt,
    @Nullable Instant lastUsedAt) {

  public boolean isActive(Instant now) {
    return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
  }
}
