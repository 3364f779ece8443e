package io.fathom.controlplane.build;

import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildRequest;
import io.fathom.builder.api.BuildResult;
import io.fathom.builder.api.FunctionKind;
import io.fathom.builder.api.UnsupportedKindException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A stand-in for the builder in API tests: python310 "builds" without Docker (optionally waiting at
 * a gate, so a test can hold a build running); every other kind fails with the library's {@link
 * UnsupportedKindException}.
 */
public final class FakeImageBuilder implements ImageBuilder {
  public final AtomicInteger calls = new AtomicInteger();
  public final AtomicInteger interrupted = new AtomicInteger();
  public final AtomicInteger leftoverSweeps = new AtomicInteger();
  public final List<String> cacheScopes = new java.util.concurrent.CopyOnWriteArrayList<>();
  public volatile CountDownLatch gate;
  public volatile CountDownLatch started = new CountDownLatch(1);

  @Override
  public int removeLeftovers() {
    leftoverSweeps.incrementAndGet();
    return 0;
  }

  @Override
  public BuildResult build(BuildRequest request, Consumer<BuildEvent> events)
      throws BuildException, InterruptedException {
    calls.incrementAndGet();
    cacheScopes.add(request.cacheScope());
    if (request.kind() != FunctionKind.PYTHON310) {
      // the library's own error for a kind without a strategy (go124 has one now, but needs Docker)
      throw new UnsupportedKindException(request.kind(), Set.of(FunctionKind.PYTHON310));
    }
    events.accept(new BuildEvent.StepStarted("containerize"));
    request
        .buildEnv()
        .forEach(
            (k, v) ->
                events.accept(new BuildEvent.Message(BuildEvent.Level.INFO, "env " + k + "=" + v)));
    started.countDown();
    CountDownLatch g = gate;
    if (g != null) {
      try {
        g.await();
      } catch (InterruptedException e) {
        interrupted.incrementAndGet();
        throw e;
      }
    }
    events.accept(new BuildEvent.StepFinished("containerize", Duration.ofMillis(5)));
    String digest = "sha256:" + request.revisionDigest().orElseThrow().substring(7);
    var layer = new BuildResult.Layer("source", "sha256:" + "1".repeat(64), 1234, false);
    events.accept(new BuildEvent.LayerReady(layer));
    return new BuildResult(
        request.target().imageName(),
        digest,
        "sha256:" + "2".repeat(64),
        List.of(layer),
        List.of(new BuildResult.Step("containerize", Duration.ofMillis(5))));
  }
}
