package io.fathom.builder.internal;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildRequest;
import io.fathom.builder.api.CompileLimits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * python310's dependency layer: {@code pip install --target} of {@code [project] dependencies} in a
 * builder container, from a wheel directory (mounted read-only, {@code --no-index}) and/or the
 * index named by {@code PIP_INDEX_URL} in the build env (then, and only then, the container gets
 * the network). Never PyPI implicitly: with neither, declared dependencies fail with {@code
 * dependencies-unavailable}.
 *
 * <p>The installed tree is kept under {@code <cacheDir>/python310/deps/SCOPE/KEY}, KEY hashing the
 * cache scope, the dependency declaration, the builder image id, the wheel directory's listing and
 * the {@code PIP_*} build env: a source-only change does not run pip again, and the layer is the
 * same.
 */
final class PythonDependencies {
  static final AbsoluteUnixPath TARGET = AbsoluteUnixPath.get("/fathom/deps");
  static final String WHEELS_MOUNT = "/fathom/wheels";

  /** Bump when the install step changes in a way the inputs do not show. */
  private static final String STEP_VERSION = "python310-deps v1";

  private final String builderImage;
  private final CompileLimits limits;
  private final CompileRunner runner;
  private final Optional<Path> wheelDir;

  PythonDependencies(
      String builderImage, CompileLimits limits, CompileRunner runner, Optional<Path> wheelDir) {
    this.builderImage = builderImage;
    this.limits = limits;
    this.runner = runner;
    this.wheelDir = wheelDir;
  }

  /**
   * The installed dependencies, or empty when the project declares none (then no container runs).
   */
  Optional<StagedTree> install(
      BuildRequest request, PyProject project, TreeStager stager, Consumer<BuildEvent> events)
      throws BuildException, InterruptedException {
    if (project.dependencies().isEmpty()) {
      return Optional.empty();
    }
    Optional<String> index = indexUrl(request.buildEnv());
    if (index.isEmpty() && wheelDir.isEmpty()) {
      throw new BuildException(
          "dependencies-unavailable",
          "pyproject.toml declares dependencies ("
              + String.join(", ", project.dependencies())
              + "), but this builder has neither a wheel directory (fathom.builds.python-wheels)"
              + " nor a package index (PIP_INDEX_URL in the function's buildEnv) to install them"
              + " from; it never reaches PyPI by itself. Configure one, or remove them.");
    }
    if (wheelDir.isPresent() && !Files.isDirectory(wheelDir.get())) {
      throw new BuildException(
          "python-wheels-unavailable",
          "The wheel directory " + wheelDir.get() + " (fathom.builds.python-wheels) is missing.");
    }
    Path cache = request.cacheDir().resolve("python310");
    String key =
        Keys.sha256(
            STEP_VERSION,
            request.cacheScope(),
            String.join("\n", project.dependencies()),
            runner.imageId(builderImage),
            wheelListing(),
            pipEnv(request.buildEnv()).toString());
    Path installed = Keys.outputDir(cache.resolve("deps"), request.cacheScope(), key);
    if (Files.isDirectory(installed)) {
      events.accept(
          new BuildEvent.Message(
              BuildEvent.Level.LIFECYCLE,
              "dependency install skipped: the same dependencies, builder image and sources were"
                  + " installed before"));
    } else {
      if (index.isPresent()) {
        checkReachable(index.get(), request.buildEnv());
      }
      run(request, project, index, cache, installed, events);
    }
    return Optional.of(stager.adopt(installed, "sha256:" + key));
  }

  private void run(
      BuildRequest request,
      PyProject project,
      Optional<String> index,
      Path cache,
      Path installed,
      Consumer<BuildEvent> events)
      throws BuildException, InterruptedException {
    Path workspace = Keys.newWorkspace(cache, "out");
    try {
      Files.writeString(
          workspace.resolve("requirements.txt"), String.join("\n", project.dependencies()) + "\n");
    } catch (IOException e) {
      throw new BuildException(
          "cache-unusable", "Cannot make a workspace under " + cache + ": " + e.getMessage(), e);
    }
    try {
      List<String> command =
          new ArrayList<>(
              List.of(
                  "python3",
                  "-m",
                  "pip",
                  "install",
                  "--no-cache-dir",
                  "--disable-pip-version-check",
                  "--no-compile",
                  "--no-warn-script-location",
                  "--root-user-action=ignore",
                  "--progress-bar=off",
                  "--retries=1",
                  "--timeout=15",
                  "--target=/fathom/workspace/out",
                  "--requirement=/fathom/workspace/requirements.txt"));
      List<CompileRunner.Mount> mounts = new ArrayList<>();
      mounts.add(new CompileRunner.Mount(workspace.toString(), "/fathom/workspace", false));
      if (wheelDir.isPresent()) {
        command.add("--find-links=" + WHEELS_MOUNT);
        mounts.add(new CompileRunner.Mount(wheelDir.get().toString(), WHEELS_MOUNT, true));
      }
      if (index.isEmpty()) {
        command.add("--no-index");
      } else {
        events.accept(
            new BuildEvent.Message(
                BuildEvent.Level.LIFECYCLE,
                "PIP_INDEX_URL is set: the install step gets the host's network to reach it"));
      }
      Map<String, String> env = new TreeMap<>(request.buildEnv());
      env.put("PYTHONDONTWRITEBYTECODE", "1");
      Deque<String> tail = new ArrayDeque<>();
      CompileRunner.Output output =
          (stream, line) -> {
            synchronized (tail) {
              tail.addLast(line);
              if (tail.size() > 40) {
                tail.removeFirst();
              }
            }
            events.accept(
                new BuildEvent.Message(
                    stream.equals("stderr") ? BuildEvent.Level.WARN : BuildEvent.Level.INFO, line));
          };
      int code =
          runner.run(
              new CompileRunner.Spec(
                  builderImage,
                  command,
                  env,
                  mounts,
                  index.isPresent(),
                  limits,
                  Map.of(CompileRunner.CONTAINER_LABEL, "python310")),
              output,
              events);
      if (code != 0) {
        synchronized (tail) {
          throw PipErrors.failed(code, List.copyOf(tail), index);
        }
      }
      Path out = workspace.resolve("out");
      fixTimes(out);
      Files.createDirectories(installed.getParent());
      try {
        Files.move(out, installed, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (!Files.isDirectory(installed)) {
          throw e;
        }
        // A parallel build of the same dependencies got there first.
      }
    } catch (IOException e) {
      throw new BuildException(
          "cache-unusable",
          "Cannot keep the installed dependencies in " + installed + ": " + e.getMessage(),
          e);
    } finally {
      Keys.deleteQuietly(workspace);
    }
  }

  /**
   * Connects to the index's host and port first (unless the build env names a proxy), so that an
   * index that is down fails at once with {@code package-index-unreachable} rather than after pip's
   * retries; pip's own output is classified the same way when it fails later.
   */
  static void checkReachable(String indexUrl, Map<String, String> buildEnv) throws BuildException {
    for (String proxy :
        List.of("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "PIP_PROXY")) {
      if (!buildEnv.getOrDefault(proxy, "").isBlank()) {
        return;
      }
    }
    URI uri;
    try {
      uri = URI.create(indexUrl.trim());
    } catch (IllegalArgumentException e) {
      throw new BuildException(
          "invalid-build-env", "PIP_INDEX_URL is not a valid URL: " + PipErrors.redact(indexUrl));
    }
    if (uri.getHost() == null || uri.getScheme() == null) {
      throw new BuildException(
          "invalid-build-env",
          "PIP_INDEX_URL must be an http(s) URL, got " + PipErrors.redact(indexUrl));
    }
    int port = uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), port), 5_000);
    } catch (IOException e) {
      throw PipErrors.unreachable(
          indexUrl,
          "cannot connect to " + uri.getHost() + ":" + port + " (" + e.getMessage() + ")");
    }
  }

  static Optional<String> indexUrl(Map<String, String> buildEnv) {
    String url = buildEnv.getOrDefault("PIP_INDEX_URL", "");
    return url.isBlank() ? Optional.empty() : Optional.of(url.trim());
  }

  /** The {@code PIP_*} part of the build env, hashed: other variables do not change the install. */
  private static String pipEnv(Map<String, String> buildEnv) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(buildEnv)
        .forEach(
            (k, v) -> {
              if (k.startsWith("PIP_")) {
                text.append(k).append('=').append(v).append('\0');
              }
            });
    return Keys.sha256(text.toString());
  }

  /** File names, sizes and modification times of the wheel directory (not its contents). */
  private String wheelListing() throws BuildException {
    if (wheelDir.isEmpty()) {
      return "no wheel directory";
    }
    StringBuilder text = new StringBuilder(wheelDir.get().toString()).append('\n');
    try (Stream<Path> files = Files.list(wheelDir.get())) {
      for (Path file : (Iterable<Path>) files.sorted()::iterator) {
        text.append(file.getFileName())
            .append(' ')
            .append(Files.isRegularFile(file) ? Files.size(file) : -1)
            .append(' ')
            .append(Files.getLastModifiedTime(file).toMillis())
            .append('\n');
      }
    } catch (IOException e) {
      throw new BuildException(
          "python-wheels-unavailable",
          "Cannot list the wheel directory " + wheelDir.get() + ": " + e.getMessage(),
          e);
    }
    return text.toString();
  }

  private static void fixTimes(Path tree) throws IOException {
    FileTime fixed = FileTime.from(StagedTree.FIXED_TIME);
    try (Stream<Path> walk = Files.walk(tree)) {
      for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.setLastModifiedTime(path, fixed);
      }
    }
  }
}
