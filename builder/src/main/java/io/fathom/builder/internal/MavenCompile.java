package io.fathom.builder.internal;

import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildRequest;
import io.fathom.builder.api.CompileLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * jvm21's compile step: {@code mvn package} and {@code copy-dependencies} in a builder container,
 * its {@code classes/} and {@code lib/} kept in the output directory. Either in the warm Maven of
 * the build's key ({@link WarmMaven}, when enabled) or in a fresh container running {@code
 * compile.sh}: the same image, paths, settings and arguments ({@link #arguments}), so the same
 * output to the byte. A tree with {@code .mvn/jvm.config} (JVM options, which need a new JVM)
 * always gets a fresh container.
 */
final class MavenCompile {
  static final String WORK = MavenDaemon.WORK;

  /** Marks a warm Maven container (besides {@link CompileRunner#CONTAINER_LABEL}). */
  static final String WARM_LABEL = "io.fathom.builder.warm";

  private final String builderImage;
  private final CompileLimits limits;
  private final CompileRunner runner;
  private final Path mavenMirror;
  private final WarmMaven warm;

  MavenCompile(
      String builderImage,
      CompileLimits limits,
      CompileRunner runner,
      Path mavenMirror,
      WarmMaven warm) {
    this.builderImage = builderImage;
    this.limits = limits;
    this.runner = runner;
    this.mavenMirror = mavenMirror;
    this.warm = warm;
  }

  /** What one compile step is given. */
  record Inputs(
      BuildRequest request,
      StagedTree source,
      StagedTree script,
      String sdkVersion,
      String repositoryVolume,
      Optional<String> remoteMirror,
      String builderImageId) {}

  /**
   * Maven's arguments: the same {@code compile.sh} passes to {@code mvn} (a test reads the script
   * and checks).
   */
  static List<String> arguments(String sdkVersion) {
    return List.of(
        "-B",
        "-ntp",
        "-s",
        WORK + "/settings.xml",
        "-DskipTests",
        "-Dfathom.runtime.version=" + sdkVersion,
        "package",
        "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies",
        "-DincludeScope=runtime",
        "-DoutputDirectory=" + MavenDaemon.LIB);
  }

  /**
   * The warm container key: everything a cold container of this build would differ in (the scope is
   * in the volume's name; the mirror path and the limits are the builder's).
   */
  static String warmKey(Inputs in, Path mavenMirror, CompileLimits limits) {
    return Keys.sha256(
        "jvm21-warm v1",
        in.request().cacheScope(),
        in.repositoryVolume(),
        in.builderImageId(),
        Keys.envFingerprint(in.request().buildEnv()),
        in.script().digest(),
        in.sdkVersion(),
        in.remoteMirror().isPresent() ? "remote" : mavenMirror.toString(),
        limits.toString());
  }

  /** Runs the step and moves its output to {@code outDir} (a parallel twin may get there first). */
  void compile(Inputs in, Path cache, Path outDir, Consumer<BuildEvent> events)
      throws BuildException, InterruptedException {
    Path workspace = Keys.newWorkspace(cache, "out", "build");
    try {
      if (in.remoteMirror().isPresent()) {
        events.accept(
            new BuildEvent.Message(
                BuildEvent.Level.LIFECYCLE,
                Jvm21Strategy.MIRROR_URL_VARIABLE
                    + " is set: the compile step gets the host's network to reach it"));
      }
      CompileOutput output = new CompileOutput(events);
      Path out = workspace.resolve("out");
      Optional<Integer> warmCode = warmBuild(in, out, output, events);
      int code =
          warmCode.isPresent()
              ? warmCode.get()
              : runner.run(coldSpec(in, workspace), output, events);
      if (code != 0) {
        String tail = output.tail();
        throw new BuildException(
            "compile-failed",
            "mvn package failed (exit code " + code + ")" + (tail.isEmpty() ? "" : ":\n" + tail));
      }
      if (!Files.isDirectory(out.resolve("classes")) || !Files.isDirectory(out.resolve("lib"))) {
        throw new BuildException(
            "compile-failed", "The compile step succeeded but left no out/classes and out/lib");
      }
      Files.createDirectories(outDir.getParent());
      try {
        Files.move(out, outDir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (!Files.isDirectory(outDir)) {
          throw e;
        }
        // A parallel build of the same inputs got there first.
      }
    } catch (IOException e) {
      throw new BuildException(
          "cache-unusable",
          "Cannot keep the compile output in " + outDir + ": " + e.getMessage(),
          e);
    } finally {
      Keys.deleteQuietly(workspace);
    }
  }

  /** Maven's exit code from the warm Maven, or empty: run cold. */
  private Optional<Integer> warmBuild(
      Inputs in, Path out, CompileOutput output, Consumer<BuildEvent> events)
      throws BuildException, InterruptedException {
    if (!warm.settings().enabled()) {
      return Optional.empty();
    }
    boolean jvmConfig =
        in.source().entries().stream().anyMatch(e -> e.path().equals(".mvn/jvm.config"));
    if (jvmConfig) {
      events.accept(
          new BuildEvent.Message(
              BuildEvent.Level.LIFECYCLE,
              ".mvn/jvm.config sets JVM options: Maven runs in a fresh builder container"));
      return Optional.empty();
    }
    WarmMaven.Job job =
        new WarmMaven.Job(
            warmKey(in, mavenMirror, limits),
            containerSpec(
                in,
                List.of("bash", "/fathom/scaffolding/warm-maven.sh"),
                Optional.empty(),
                Map.of(CompileRunner.CONTAINER_LABEL, "jvm21", WARM_LABEL, "true")),
            arguments(in.sdkVersion()),
            in.source(),
            out,
            limits.timeout());
    return warm.build(job, output, events);
  }

  private CompileRunner.Spec coldSpec(Inputs in, Path workspace) {
    return containerSpec(
        in,
        List.of("bash", "/fathom/scaffolding/compile.sh"),
        Optional.of(workspace),
        Map.of(CompileRunner.CONTAINER_LABEL, "jvm21"));
  }

  /** A builder container: the staged source and workspace only for a cold one. */
  private CompileRunner.Spec containerSpec(
      Inputs in, List<String> command, Optional<Path> workspace, Map<String, String> labels) {
    Map<String, String> env = new TreeMap<>(in.request().buildEnv());
    env.put("FATHOM_RUNTIME_VERSION", in.sdkVersion());
    List<CompileRunner.Mount> mounts = new ArrayList<>();
    if (workspace.isPresent()) {
      mounts.add(new CompileRunner.Mount(in.source().root().toString(), "/fathom/src", true));
    }
    mounts.add(new CompileRunner.Mount(in.script().root().toString(), "/fathom/scaffolding", true));
    if (in.remoteMirror().isEmpty()) {
      mounts.add(new CompileRunner.Mount(mavenMirror.toString(), "/fathom/mirror", true));
    }
    workspace.ifPresent(
        w -> mounts.add(new CompileRunner.Mount(w.toString(), "/fathom/workspace", false)));
    mounts.add(new CompileRunner.Mount(in.repositoryVolume(), "/fathom/cache", false));
    return new CompileRunner.Spec(
        builderImage, command, env, mounts, in.remoteMirror().isPresent(), limits, labels);
  }
}
