package io.fathom.builder.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The warm Maven of jvm21 builds ({@link Builder#withWarmMaven}): builder containers that keep one
 * Maven JVM running between builds, one per cache scope, {@code pom.xml} and mirror, builder image,
 * build env and compile script. A source-only rebuild then skips the JVM start, Maven's plugin
 * loading and the compiler's warm-up; the build itself is the same clean {@code mvn package}, and
 * the image the same to the byte.
 *
 * @param idleTimeout a warm container unused this long is removed
 * @param maxContainers how many are kept at most (the least recently used goes first); {@code 0}
 *     turns the warm Maven off: every build starts a fresh builder container
 */
public record WarmMavenSettings(Duration idleTimeout, int maxContainers) {
  /** 10 minutes, 2 containers. */
  public static final WarmMavenSettings DEFAULT = new WarmMavenSettings(Duration.ofMinutes(10), 2);

  /** No warm Maven: every jvm21 build runs Maven in a fresh container. */
  public static final WarmMavenSettings OFF = new WarmMavenSettings(Duration.ofMinutes(10), 0);

  public WarmMavenSettings {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
    }
    if (maxContainers < 0) {
      throw new IllegalArgumentException("maxContainers must be 0 or more, got " + maxContainers);
    }
  }

  /** Whether builds use a warm Maven at all. */
  public boolean enabled() {
    return maxContainers > 0;
  }
}
