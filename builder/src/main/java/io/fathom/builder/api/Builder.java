package io.fathom.builder.api;

import io.fathom.builder.internal.BuildPipeline;
import io.fathom.builder.internal.CompileRunner;
import io.fathom.builder.internal.DockerCompileRunner;
import io.fathom.builder.internal.KindStrategies;
import io.fathom.builder.internal.ModelServerBuild;
import io.fathom.builder.internal.WarmMaven;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns a function's source tree into an immutable, reproducible image: {@code
 * Builder.create().build(request, events)}. One strategy per {@link FunctionKind}; kinds without
 * one fail with {@link UnsupportedKindException}. Thread-safe: one instance can run builds in
 * parallel (builds that share a cache directory share Jib's cache, which is safe).
 *
 * <p>With a warm Maven ({@link #withWarmMaven}) the builder keeps jvm21 builder containers running
 * between builds: {@link #close()} removes them (the builders derived from it with {@code with…}
 * share them). Without one, closing is a no-op.
 */
public final class Builder implements AutoCloseable {
  private final KindStrategies strategies;
  private final Map<FunctionKind, String> builderImages;
  private final CompileLimits compileLimits;
  private final CompileRunner runner;
  private final Path mavenMirror;
  private final Optional<Path> pythonWheels;
  private final WarmMaven warmMaven;

  private Builder(
      Map<FunctionKind, String> builderImages,
      CompileLimits compileLimits,
      CompileRunner runner,
      Path mavenMirror,
      Optional<Path> pythonWheels,
      WarmMaven warmMaven) {
    this.builderImages = Map.copyOf(builderImages);
    this.compileLimits = compileLimits;
    this.runner = runner;
    this.mavenMirror = mavenMirror.toAbsolutePath().normalize();
    this.pythonWheels = pythonWheels;
    this.warmMaven = warmMaven;
    this.strategies =
        KindStrategies.standard(
            this.builderImages, compileLimits, runner, this.mavenMirror, pythonWheels, warmMaven);
  }

  /**
   * A builder with every strategy this version implements, the offline builder images ({@code
   * fathom/builder-go124:latest}, {@code fathom/builder-python310:latest} for python310's
   * dependency install, for rust189 and rust186 {@code fathom/builder-rust:latest}, for jvm21
   * {@code fathom/builder-jvm21:latest}, made by {@code scripts/images.sh go124-builder
   * python310-builder rust-builder jvm21-builder}), {@link CompileLimits#DEFAULT}, the default
   * Maven mirror ({@link KindStrategies#defaultMavenMirror()}) and no python wheel directory.
   * Compile steps talk to the Docker engine at {@code DOCKER_HOST} (default the local socket),
   * connecting on first use. No warm Maven ({@link WarmMavenSettings#OFF}).
   */
  public static Builder create() {
    return create(new DockerCompileRunner());
  }

  /**
   * {@link #create()}, with every builder container labelled as {@code owner}'s (e.g. a control
   * plane's id): {@link #removeLeftovers()} then removes only this owner's containers, never those
   * of another process on the same engine.
   */
  public static Builder create(String owner) {
    return create(new DockerCompileRunner(owner));
  }

  private static Builder create(CompileRunner runner) {
    return new Builder(
        Map.of(),
        CompileLimits.DEFAULT,
        runner,
        KindStrategies.defaultMavenMirror(),
        Optional.empty(),
        new WarmMaven(WarmMavenSettings.OFF, runner));
  }

  /**
   * This builder, with {@code image} as the builder image of a compiled kind (e.g. {@code
   * golang:1.24} where a registry is reachable and the image is in the engine).
   */
  public Builder withBuilderImage(FunctionKind kind, String image) {
    Objects.requireNonNull(kind, "kind");
    if (image == null || image.isBlank()) {
      throw new IllegalArgumentException("builder image is required");
    }
    Map<FunctionKind, String> images = new EnumMap<>(FunctionKind.class);
    images.putAll(builderImages);
    images.put(kind, image);
    return new Builder(images, compileLimits, runner, mavenMirror, pythonWheels, warmMaven);
  }

  /** This builder, with these limits on every compile step's builder container. */
  public Builder withCompileLimits(CompileLimits limits) {
    return new Builder(
        builderImages,
        Objects.requireNonNull(limits, "limits"),
        runner,
        mavenMirror,
        pythonWheels,
        warmMaven);
  }

  /**
   * This builder, with {@code mirror} as the Maven file mirror jvm21 compile steps resolve from (a
   * directory in Maven repository layout with a content key; {@code scripts/maven-mirror.sh DIR}
   * makes one). It is builder configuration, like the builder image: mounted read-only into the
   * builder container, which has no network.
   */
  public Builder withMavenMirror(Path mirror) {
    return new Builder(
        builderImages,
        compileLimits,
        runner,
        Objects.requireNonNull(mirror, "mirror"),
        pythonWheels,
        warmMaven);
  }

  /** The Maven file mirror of jvm21 compile steps. */
  public Path mavenMirror() {
    return mavenMirror;
  }

  /**
   * This builder, installing python310 dependencies from {@code wheelDir} ({@code pip install
   * --no-index --find-links}, the directory mounted read-only into the install container). Without
   * one, and without {@code PIP_INDEX_URL} in a function's build env, declared dependencies fail
   * with {@code dependencies-unavailable}: the builder never reaches PyPI by itself.
   *
   * @throws IllegalArgumentException when {@code wheelDir} is not a directory
   */
  public Builder withPythonWheels(Path wheelDir) {
    Path dir = Objects.requireNonNull(wheelDir, "wheelDir").toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("python wheel directory is not a directory: " + dir);
    }
    return new Builder(
        builderImages, compileLimits, runner, mavenMirror, Optional.of(dir), warmMaven);
  }

  /**
   * This builder, keeping a <em>warm Maven</em> for jvm21 builds: builder containers that run one
   * Maven JVM build after build (per cache scope, {@code pom.xml} and mirror, builder image, build
   * env and compile script), so that a source-only rebuild skips the JVM start, Maven's plugin
   * loading and the compiler's warm-up. Each build is still a clean {@code mvn package} on a fresh
   * copy of the source, in a container with the same isolation (no network unless the build env
   * names a remote mirror, the compile limits, the build env only there), and gives the same image.
   * {@link WarmMavenSettings#OFF} turns it off. Set it before the first build; {@link #close()}
   * removes the containers.
   */
  public Builder withWarmMaven(WarmMavenSettings settings) {
    return new Builder(
        builderImages,
        compileLimits,
        runner,
        mavenMirror,
        pythonWheels,
        new WarmMaven(Objects.requireNonNull(settings, "settings"), runner));
  }

  /** The warm Maven settings of jvm21 builds. */
  public WarmMavenSettings warmMaven() {
    return warmMaven.settings();
  }

  /** Removes the warm Maven containers this builder keeps (waiting for their removal). */
  @Override
  public void close() {
    warmMaven.close();
  }

  /** The python310 wheel directory, if one is configured. */
  public Optional<Path> pythonWheels() {
    return pythonWheels;
  }

  /** The builder image a compiled kind's compile step runs in. */
  public String builderImage(FunctionKind kind) {
    return builderImages.getOrDefault(kind, KindStrategies.defaultBuilderImage(kind));
  }

  /** The limits on compile steps. */
  public CompileLimits compileLimits() {
    return compileLimits;
  }

  /**
   * Removes compile-step containers that a process which died mid-build left behind, warm Maven
   * containers included; call it once at start, before any build runs. Returns how many were
   * removed.
   */
  public int removeLeftoverCompileContainers() throws BuildException {
    return runner.removeLeftovers();
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

  /**
   * Builds the ONNX model server image of {@code runtime-jvm} for the request's variant (see {@code
   * docs/model-server.md}, "Images"): layers {@code dependencies}, {@code onnxruntime-native},
   * {@code onnxruntime}, {@code classes} on the Java base image. With the default target the image
   * goes to the Docker daemon as {@code fathom/model-server:<variant>-<key>} and {@code
   * fathom/model-server:<variant>}; when the daemon already has the keyed image this cache built,
   * nothing is built and the recorded result comes back (its steps: {@code prepare} only).
   *
   * @throws BuildException with a stable code: {@code onnxruntime-variant-mismatch} (the jar is the
   *     other variant's), {@code onnxruntime-jar-invalid}, {@code base-image-missing}, {@code
   *     jvm21-host-missing}, {@code image-build-failed}, …
   * @throws InterruptedException when the calling thread is interrupted
   */
  public BuildResult buildModelServer(ModelServerRequest request, Consumer<BuildEvent> events)
      throws BuildException, InterruptedException {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(events, "events");
    return new ModelServerBuild(runner, request, events).run();
  }
}
