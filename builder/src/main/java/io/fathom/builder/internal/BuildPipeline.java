package io.fathom.builder.internal;

import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildRequest;
import io.fathom.builder.api.BuildResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One build: {@code prepare} (the kind's checks and compile step, staged trees, the image plan,
 * then the {@code func.yaml} schemas every kind gets: {@link SchemaFiles}), {@code containerize}
 * (Jib: base image, layers, target), with each step timed and announced.
 */
public final class BuildPipeline {
  private final KindStrategy strategy;
  private final BuildRequest request;
  private final Consumer<BuildEvent> events;
  private final List<BuildResult.Step> steps = new ArrayList<>();

  public BuildPipeline(KindStrategy strategy, BuildRequest request, Consumer<BuildEvent> events) {
    this.strategy = strategy;
    this.request = request;
    this.events = events;
  }

  public BuildResult run() throws BuildException, InterruptedException {
    Path cache = request.cacheDir();
    TreeStager stager = new TreeStager(cache.resolve("staged"));
    ImagePlan plan =
        step(
            "prepare",
            () ->
                SchemaFiles.addTo(
                    strategy.plan(request, stager, events), request.sourceDir(), stager, cache));
    Containerize containerize =
        new Containerize(cache.resolve("jib-base"), cache.resolve("jib-app"), events);
    Containerize.Built built = step("containerize", () -> containerize.run(request, plan));
    built.layers().forEach(layer -> events.accept(new BuildEvent.LayerReady(layer)));
    return new BuildResult(
        request.target().imageName(), built.digest(), built.imageId(), built.layers(), steps);
  }

  private interface Step<T> {
    T run() throws BuildException, InterruptedException;
  }

  private <T> T step(String name, Step<T> step) throws BuildException, InterruptedException {
    events.accept(new BuildEvent.StepStarted(name));
    long start = System.nanoTime();
    T result = step.run();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    steps.add(new BuildResult.Step(name, took));
    events.accept(new BuildEvent.StepFinished(name, took));
    return result;
  }
}
