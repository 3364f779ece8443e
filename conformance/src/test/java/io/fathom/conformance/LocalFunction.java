package io.fathom.conformance;

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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A kind's function served by {@code templates/KIND/scaffolding/local.sh} on a free port, with its
 * output collected for log assertions. {@link ImageFunction} is its image-backed twin.
 */
final class LocalFunction implements FunctionUnderTest {
  static final Path ROOT =
      Path.of(System.getProperty("fathom.repo.root", "..")).toAbsolutePath().normalize();

  private final Process process;
  private final int port;
  private final StringBuffer output = new StringBuffer();

  private LocalFunction(Process process, int port) {
    this.process = process;
    this.port = port;
    collect(process.getInputStream());
    collect(process.getErrorStream());
  }

  static LocalFunction start(String kind, Path source, Path workDir, Map<String, String> env)
      throws IOException {
    Path localSh = ROOT.resolve("templates").resolve(kind).resolve("scaffolding/local.sh");
    if (!Files.isRegularFile(localSh)) {
      throw new IllegalStateException("No local runner for " + kind + " at " + localSh);
    }
    int port = freePort();
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of("bash", localSh.toString(), source.toString(), workDir.toString()));
    builder.environment().putAll(env);
    builder.environment().put("PORT", Integer.toString(port));
    return new LocalFunction(builder.start(), port);
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
  public void sigterm() {
    // The handle sends SIGTERM only; Process.destroy() would also close our end of its pipes.
    process.toHandle().destroy();
  }

  @Override
  public Integer awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
  }

  @Override
  public void awaitReady(Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "exited with " + process.exitValue() + " before ready:\n" + output);
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
    throw new AssertionError("not ready within " + timeout + ":\n" + output);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close the pipes
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
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
                // process ended
              }
            });
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
