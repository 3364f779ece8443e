package io.fathom.controlplane.tenancy;

import io.fathom.controlplane.common.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Pattern;

/** Creates organizations, projects, users and tokens, and enforces who may do so. */
@Singleton
public class TenantAdmin {
  private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$");

  private final OrganizationRepository organizations;
  private final ProjectRepository projects;
  private final UserRepository users;
  private final ApiTokenRepository tokens;
  private final AuthCache cache;

  public TenantAdmin(
      OrganizationRepository organizations,
      ProjectRepository projects,
      UserRepository users,
      ApiTokenRepository tokens,
      AuthCache cache) {
    this.cache = cache;
    this.organizations = organizations;
    this.projects = projects;
    this.users = users;
    this.tokens = tokens;
  }

  /** A token secret together with its stored record; the secret exists only here. */
  public record IssuedToken(ApiToken token, String secret) {}

  @Transactional
  public Organization createOrganization(String name) {
    return organizations.save(new Organization(UUID.randomUUID(), checkName(name), now()));
  }

  @Transactional
  public User createUser(UUID organizationId, String name, boolean admin) {
    return users.save(new User(UUID.randomUUID(), organizationId, checkName(name), admin, now()));
  }

  @Transactional
  public Project createProject(Caller caller, String name, @Nullable String description) {
    requireOrganizationAdmin(caller, "create projects");
    return createProject(caller.organizationId(), name, description);
  }

  @Transactional
  public Project createProject(UUID organizationId, String name, @Nullable String description) {
    checkName(name);
    if (projects.existsByOrganizationIdAndName(organizationId, name)) {
      throw ApiException.conflict(
          "project-name-taken", "A project named '" + name + "' already exists");
    }
    return projects.save(
        new Project(
            UUID.randomUUID(),
            organizationId,
            name,
            description == null ? "" : description,
            now()));
  }

  /**
   * Issues a token for the caller's own user. A project-scoped caller can only issue tokens for its
   * project; only organization-wide tokens can issue organization-wide tokens.
   */
  @Transactional
  public IssuedToken issueToken(
      Caller caller, String name, @Nullable UUID projectId, @Nullable Long expiresInSeconds) {
    UUID scope = projectId;
    if (caller.projectScoped()) {
      if (scope == null) {
        scope = caller.tokenProjectId();
      } else if (!scope.equals(caller.tokenProjectId())) {
        throw ApiException.notFound("project", scope);
      }
    }
    if (scope != null) {
      UUID id = scope;
      projects
          .findByIdAndOrganizationId(id, caller.organizationId())
          .orElseThrow(() -> ApiException.notFound("project", id));
    }
    Instant expiresAt = null;
    if (expiresInSeconds != null) {
      if (expiresInSeconds < 60 || expiresInSeconds > Duration.ofDays(3650).toSeconds()) {
        throw ApiException.badRequest(
            "invalid-expiry", "expiresInSeconds must be between 60 and 315360000 (ten years)");
      }
      expiresAt = now().plusSeconds(expiresInSeconds);
    }
    return issue(caller.organizationId(), caller.userId(), scope, name, expiresAt);
  }

  @Transactional
  public IssuedToken issue(
      UUID organizationId,
      UUID userId,
      @Nullable UUID projectId,
      String name,
      @Nullable Instant expiresAt) {
    String secret = TokenSecrets.newSecret();
    ApiToken token =
        tokens.save(
            new ApiToken(
                UUID.randomUUID(),
                organizationId,
                userId,
                projectId,
                checkName(name),
                TokenSecrets.hash(secret),
                now(),
                expiresAt,
                null,
                null));
    return new IssuedToken(token, secret);
  }

  /** Revokes a token: admins any of their organization, everyone else only their own. */
  @Transactional
  public void revoke(Caller caller, UUID tokenId) {
    ApiToken token =
        tokens
            .findByIdAndOrganizationId(tokenId, caller.organizationId())
            .filter(t -> caller.admin() || t.userId().equals(caller.userId()))
            .filter(t -> !caller.projectScoped() || caller.tokenProjectId().equals(t.projectId()))
            .orElseThrow(() -> ApiException.notFound("token", tokenId));
    if (token.revokedAt() == null) {
      tokens.updateRevokedAt(token.id(), now());
    }
    cache.forgetToken(token.id());
  }

  static void requireOrganizationAdmin(Caller caller, String action) {
    if (!caller.admin() || caller.projectScoped()) {
      throw ApiException.forbidden(
          "admin-required", "Only an organization-wide token of an admin user can " + action);
    }
  }

  private static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw ApiException.badRequest(
          "invalid-name",
          "Names must be 1-100 characters of letters, digits, '.', '_' or '-', starting with a"
              + " letter or digit; got '"
              + name
              + "'");
    }
    return name;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** Revokes a token the platform issued itself (a deployment's); already revoked is fine. */
  @Transactional
  public void revokeIssued(UUID tokenId) {
    tokens
        .findById(tokenId)
        .filter(t -> t.revokedAt() == null)
        .ifPresent(t -> tokens.updateRevokedAt(t.id(), now()));
    cache.forgetToken(tokenId);
  }
}
