package io.fathom.controlplane.tenancy.api;

import io.fathom.controlplane.tenancy.ApiToken;
import io.fathom.controlplane.tenancy.Project;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/** Wire shapes of the platform API ({@code /api/platform/v1}). */
public final class PlatformViews {
  private PlatformViews() {}

  @Serdeable
  public record WhoAmI(
      UUID userId,
      String userName,
      boolean admin,
      UUID tokenId,
      String tokenName,
      UUID organizationId,
      String organizationName,
      @Nullable UUID projectId,
      @Nullable String projectName) {}

  @Serdeable
  public record ProjectView(
      UUID id, UUID organizationId, String name, String description, Instant createdAt) {
    static ProjectView of(Project p) {
      return new ProjectView(p.id(), p.organizationId(), p.name(), p.description(), p.createdAt());
    }
  }

  @Serdeable
  public record CreateProject(String name, @Nullable String description) {}

  @Serdeable
  public record CreateToken(
      String name, @Nullable UUID projectId, @Nullable Long expiresInSeconds) {}

  @Serdeable
  public record TokenView(
      UUID id,
      String name,
      UUID userId,
      @Nullable UUID projectId,
      Instant createdAt,
      @Nullable Instant expiresAt,
      @Nullable Instant revokedAt,
      @Nullable Instant lastUsedAt) {
    static TokenView of(ApiToken t) {
      return new TokenView(
          t.id(),
          t.name(),
          t.userId(),
          t.projectId(),
          t.createdAt(),
          t.expiresAt(),
          t.revokedAt(),
          t.lastUsedAt());
    }
  }

  /** A newly issued token: the only response that ever carries the secret. */
  @Serdeable
  public record IssuedTokenView(
      UUID id,
      String name,
      UUID userId,
      @Nullable UUID projectId,
      Instant createdAt,
      @Nullable Instant expiresAt,
      String token) {}
}
