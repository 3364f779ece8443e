package io.fathom.controlplane.tenancy;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Remembers, for {@link #TTL}, the caller behind a token hash and the projects callers act in, so
 * that a burst of calls (a scheduler, a load test) does not read the token, its user and the
 * project from the database on every request. A revoked token is forgotten at once ({@link
 * #forgetToken}), and an entry never outlives its token's expiry.
 */
@Singleton
public class AuthCache {
  static final Duration TTL = Duration.ofSeconds(2);
  private static final int MAX_ENTRIES = 10_000;

  private record Entry<T>(T value, long until) {}

  private final ConcurrentMap<String, Entry<Caller>> callers = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Entry<Project>> projects = new ConcurrentHashMap<>();

  Optional<Caller> caller(String tokenHash) {
    return fresh(callers, tokenHash);
  }

  void putCaller(String tokenHash, Caller caller, Instant tokenExpiresAt) {
    long until = System.nanoTime() + TTL.toNanos();
    if (tokenExpiresAt != null) {
      until =
          Math.min(
              until, System.nanoTime() + Duration.between(Instant.now(), tokenExpiresAt).toNanos());
    }
    put(callers, tokenHash, new Entry<>(caller, until));
  }

  Optional<Project> project(UUID organizationId, UUID projectId) {
    return fresh(projects, organizationId + "/" + projectId);
  }

  void putProject(Project project) {
    put(
        projects,
        project.organizationId() + "/" + project.id(),
        new Entry<>(project, System.nanoTime() + TTL.toNanos()));
  }

  /** Forgets every cached caller of a token (it was revoked). */
  public void forgetToken(UUID tokenId) {
    callers.values().removeIf(e -> e.value().tokenId().equals(tokenId));
  }

  private static <T> Optional<T> fresh(ConcurrentMap<String, Entry<T>> map, String key) {
    Entry<T> e = map.get(key);
    if (e == null) {
      return Optional.empty();
    }
    if (System.nanoTime() - e.until() >= 0) {
      map.remove(key, e);
      return Optional.empty();
    }
    return Optional.of(e.value());
  }

  private static <T> void put(ConcurrentMap<String, Entry<T>> map, String key, Entry<T> entry) {
    if (map.size() >= MAX_ENTRIES) {
      map.clear();
    }
    map.put(key, entry);
  }
}
