package io.fathom.conformance;

import io.fathom.builder.api.BuildRequest;
import io.fathom.builder.api.BuildResult;
import io.fathom.builder.api.BuildTarget;
import io.fathom.builder.api.Builder;
import io.fathom.builder.api.FunctionKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A kind's fixture built into an image with the builder library ({@code
 * fathom-conformance/KIND:test} in the Docker daemon) and run as a container: {@code docker run -d
 * --network=host -e PORT=…}, the suite's environment as {@code -e}, the schema files' directory
 * mounted read-only at the same path. Output comes from {@code docker logs -f}; SIGTERM from {@code
 * docker kill --signal TERM}; the exit status from {@code docker wait}. {@link #close()} removes
 * the container and the image.
 */
final class ImageFunction implements FunctionUnderTest {
  private static final List<String> SCHEMA_VARIABLES =
      List.of("FATHOM_INPUT_SCHEMA_FILE", "FATHOM_OUTPUT_SCHEMA_FILE");

  private final String image;
  private final String container;
  private final int port;
  private final Process logs;
  private final StringBuffer output = new StringBuffer();

  /** The builder to use, made once the offline images exist. */
  @FunctionalInterface
  interface BuilderSource {
    Builder get() throws Exception;
  }

  private ImageFunction(String image, String container, int port, Process logs) {
    this.image = image;
    this.container = container;
    this.port = port;
    this.logs = logs;
    collect(logs.getInputStream());
    collect(logs.getErrorStream());
  }

  /**
   * Makes sure the engine runs and the kind's offline images exist ({@code scripts/docker.sh},
   * {@code scripts/images.sh IMAGES…}), failing loudly otherwise; builds {@code source} as {@code
   * kind} on {@code baseImage} with {@code builder}'s builder and starts it.
   */
  static ImageFunction start(
      String kind,
      String baseImage,
      List<String> images,
      BuilderSource builder,
      Path source,
      Map<String, String> env)
      throws Exception {
    run("scripts/docker.sh");
    if (!images.isEmpty()) {
      List<String> command = new ArrayList<>(List.of("scripts/images.sh"));
      command.addAll(images);
      run(command.toArray(String[]::new));
    }
    String image = "fathom-conformance/" + kind + ":test";
    Path cache =
        Path.of(System.getProperty("java.io.tmpdir"), "fathom-conformance-build", "image-cache");
    long started = System.nanoTime();
    BuildResult result =
        builder
            .get()
            .build(
                BuildRequest.builder(FunctionKind.parse(kind), source)
                    .baseImage(baseImage)
                    .target(BuildTarget.daemon(image))
                    .cacheDir(cache)
                    .build(),
                event -> {});
    System.out.printf(
        "conformance: built %s (%s) in %d ms: layers %s, steps %s%n",
        image,
        result.digest(),
        (System.nanoTime() - started) / 1_000_000,
        result.layers(),
        result.steps());

    int port = freePort();
    String container = "fathom-conformance-" + kind + "-" + port;
    List<String> command =
        new ArrayList<>(List.of("docker", "run", "-d", "--network=host", "--name", container));
    command.addAll(List.of("-e", "PORT=" + port));
    Set<Path> schemaDirs = new LinkedHashSet<>();
    for (var entry : env.entrySet()) {
      command.addAll(List.of("-e", entry.getKey() + "=" + entry.getValue()));
      if (SCHEMA_VARIABLES.contains(entry.getKey())) {
        Path file = Path.of(entry.getValue()).toAbsolutePath();
        readableByAnyone(file);
        schemaDirs.add(file.getParent());
      }
    }
    for (Path dir : schemaDirs) {
      command.addAll(List.of("-v", dir + ":" + dir + ":ro"));
    }
    command.add(image);
    try {
      run(command.toArray(String[]::new));
      Process logs =
          new ProcessBuilder("docker", "logs", "-f", container)
              .directory(LocalFunction.ROOT.toFile())
              .start();
      return new ImageFunction(image, container, port, logs);
    } catch (Exception | AssertionError e) {
      quietly("docker", "rm", "-f", container);
      quietly("docker", "image", "rm", "-f", image);
      throw e;
    }
  }

  /**
   * The image runs as {@code 65534:65534}; the suite writes its schema files into a fresh temp
   * directory (mode 700), which that user could not enter: a test artifact, so it is opened here.
   */
  private static void readableByAnyone(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String output() {
    return output.toString();
  }

  @Override
  public void awaitReady(Duration timeout) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (!logs.isAlive()) { // docker logs -f ends when the container stops
        throw new AssertionError(
            "container "
                + container
                + " stopped before ready: "
                + inspect("{{.State.Status}} exit {{.State.ExitCode}}")
                + "\n"
                + output);
      }
      try {
        var reply =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (reply.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "container " + container + " not ready within " + timeout + ":\n" + output);
  }

  @Override
  public void sigterm() throws Exception {
    run("docker", "kill", "--signal", "TERM", container);
  }

  @Override
  public Integer awaitExit(Duration timeout) throws Exception {
    Process wait =
        new ProcessBuilder("docker", "wait", container).redirectErrorStream(true).start();
    if (!wait.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      wait.destroyForcibly();
      return null;
    }
    String text = new String(wait.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (wait.exitValue() != 0) {
      throw new AssertionError(
          "docker wait " + container + " exited " + wait.exitValue() + ": " + text);
    }
    logs.waitFor(5, TimeUnit.SECONDS); // the last lines
    return Integer.parseInt(text);
  }

  @Override
  public void close() throws Exception {
    try {
      quietly("docker", "stop", "-t", "15", container);
      quietly("docker", "rm", "-f", container);
    } finally {
      if (logs.isAlive()) {
        logs.destroyForcibly();
      }
      quietly("docker", "image", "rm", "-f", image);
    }
  }

  private String inspect(String format) {
    try {
      return run("docker", "inspect", "--format", format, container).trim();
    } catch (Exception e) {
      return "(docker inspect failed: " + e.getMessage() + ")";
    }
  }

  private void collect(InputStream stream) {
    Thread.ofVirtual()
        .start(
            () -> {
              try (stream) {
                byte[] buffer = new byte[4096];
                int n;
                while ((n = stream.read(buffer)) > 0) {
                  output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
              } catch (IOException ended) {
                // docker logs ended
              }
            });
  }

  /** Runs a command in the repository root; fails loudly, with its output, unless it exits 0. */
  static String run(String... command) throws Exception {
    Process process =
        new ProcessBuilder(command)
            .directory(LocalFunction.ROOT.toFile())
            .redirectErrorStream(true)
            .start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = process.getInputStream()) {
      in.transferTo(out);
    }
    int status = process.waitFor();
    String text = out.toString(StandardCharsets.UTF_8);
    if (status != 0) {
      throw new AssertionError(String.join(" ", command) + " exited " + status + ":\n" + text);
    }
    return text;
  }

  private static void quietly(String... command) throws InterruptedException, IOException {
    new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start()
        .waitFor(60, TimeUnit.SECONDS);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
