package io.fathom.builder.api;

import io.fathom.builder.internal.BuildPipeline;
import io.fathom.builder.internal.KindStrategies;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns a function's source tree into an immutable, reproducible image: {@code
 * Builder.create().build(request, events)}. One strategy per {@link FunctionKind}; kinds without
 * one fail with {@link UnsupportedKindException}. Thread-safe: one instance can run builds in
 * parallel (builds that share a cache directory share Jib's cache, which is safe).
 */
public final class Builder {
  private final KindStrategies strategies;

  private Builder(KindStrategies strategies) {
    this.strategies = strategies;
  }

  /** A builder with every strategy this version implements. */
  public static Builder create() {
    return new Builder(KindStrategies.standard());
  }

  /** The kinds this builder can build. */
  public Set<FunctionKind> implementedKinds() {
    return strategies.implemented();
  }

  /**
   * Builds the request's image and delivers it to its target.
   *
   * @throws BuildException with a stable code when no image could be made
   * @throws InterruptedException when the calling thread is interrupted (the build is abandoned)
   */
  public BuildResult build(BuildRequest request, Consumer<BuildEvent> events)
      throws BuildException, InterruptedException {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(events, "events");
    return new BuildPipeline(strategies.forKind(request.kind()), request, events).run();
  }
}
