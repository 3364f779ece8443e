package io.fathom.controlplane.tenancy;

import io.fathom.controlplane.common.ApiException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Resolves bearer tokens to callers and headers to project scopes. */
@Singleton
public class TenancyService {
  private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

  private final ApiTokenRepository tokens;
  private final UserRepository users;
  private final ProjectRepository projects;
  private final AuthCache cache;

  public TenancyService(
      ApiTokenRepository tokens,
      UserRepository users,
      ProjectRepository projects,
      AuthCache cache) {
    this.cache = cache;
    this.tokens = tokens;
    this.users = users;
    this.projects = projects;
  }

  /** The caller behind a bearer secret, or empty when the token is unknown, revoked or expired. */
  public Optional<Caller> authenticate(String secret) {
    String hash = TokenSecrets.hash(secret);
    Optional<Caller> known = cache.caller(hash);
    if (known.isPresent()) {
      return known;
    }
    Instant now = Instant.now();
    return tokens
        .findByTokenHash(hash)
        .filter(token -> token.isActive(now))
        .flatMap(
            token -> {
              touch(token, now);
              Optional<Caller> caller =
                  users
                      .findById(token.userId())
                      .map(
                          user ->
                              new Caller(
                                  user.id(),
                                  user.name(),
                                  user.admin(),
                                  token.id(),
                                  token.name(),
                                  token.organizationId(),
                                  token.projectId()));
              caller.ifPresent(c -> cache.putCaller(hash, c, token.expiresAt()));
              return caller;
            });
  }

  /**
   * The project a request acts in: the {@code x-projectid} header, or the token's own project. A
   * project the caller cannot reach answers 404, exactly like one that does not exist.
   */
  public ProjectScope scope(
      Caller caller, @Nullable String orgHeader, @Nullable String projectHeader) {
    if (orgHeader != null && !orgHeader.isBlank()) {
      UUID org = parseId(orgHeader, "x-organizationid");
      if (!org.equals(caller.organizationId())) {
        throw ApiException.notFound("organization", orgHeader);
      }
    }
    UUID projectId;
    if (projectHeader != null && !projectHeader.isBlank()) {
      projectId = parseId(projectHeader, "x-projectid");
    } else if (caller.projectScoped()) {
      projectId = caller.tokenProjectId();
    } else {
      throw ApiException.badRequest(
          "project-required",
          "This token reaches every project of its organization: send the project in the"
              + " x-projectid header");
    }
    if (caller.projectScoped() && !projectId.equals(caller.tokenProjectId())) {
      throw ApiException.notFound("project", projectId);
    }
    UUID wanted = projectId;
    Project project =
        cache
            .project(caller.organizationId(), wanted)
            .or(
                () -> {
                  Optional<Project> found =
                      projects.findByIdAndOrganizationId(wanted, caller.organizationId());
                  found.ifPresent(cache::putProject);
                  return found;
                })
            .orElseThrow(() -> ApiException.notFound("project", projectHeader));
    return new ProjectScope(project.organizationId(), project.id(), caller.userId());
  }

  private void touch(ApiToken token, Instant now) {
    if (token.lastUsedAt() == null
        || token.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
      tokens.updateLastUsedAt(token.id(), now);
    }
  }

  static UUID parseId(String value, String header) {
    try {
      return UUID.fromString(value.trim());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "invalid-header", header + " must be a UUID, got '" + value + "'");
    }
  }
}
