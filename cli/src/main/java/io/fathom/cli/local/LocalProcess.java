package io.fathom.cli.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A function served by its kind's {@code scaffolding/local.sh}: started with the given environment,
 * its output copied to ours, stopped with SIGTERM (so it drains) when we are.
 */
final class LocalProcess implements AutoCloseable {
  private final Process process;

  private LocalProcess(Process process) {
    this.process = process;
  }

  static LocalProcess start(
      Path localSh,
      Path sourceDir,
      Path workDir,
      Map<String, String> env,
      PrintStream out,
      PrintStream err)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of("bash", localSh.toString(), sourceDir.toString(), workDir.toString()));
    builder.environment().putAll(env);
    builder.redirectInput(ProcessBuilder.Redirect.INHERIT);
    Process process = builder.start();
    pump(process.getInputStream(), out);
    pump(process.getErrorStream(), err);
    return new LocalProcess(process);
  }

  /** Polls {@code /_/ready} until it answers 200, the process exits, or the timeout passes. */
  boolean awaitReady(int port, Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long end = System.nanoTime() + timeout.toNanos();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (System.nanoTime() < end && process.isAlive()) {
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return true;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    return false;
  }

  int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM to the process tree (the server drains), then SIGKILL after a grace period. */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close the pipes
    if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static void pump(InputStream from, PrintStream to) {
    Thread.ofVirtual()
        .start(
            () -> {
              try (from) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = from.read(buffer)) > 0) {
                  to.write(buffer, 0, n);
                  to.flush();
                }
              } catch (IOException closed) {
                // the process ended
              }
            });
  }
}
