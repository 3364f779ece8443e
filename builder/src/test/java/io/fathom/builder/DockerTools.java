package io.fathom.builder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** Shell and Docker helpers shared by the builder's integration tests. */
final class DockerTools {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Something to check while the container runs, given its name. */
  @FunctionalInterface
  interface WhileRunning {
    void check(String container) throws Exception;
  }

  private DockerTools() {}

  /** Runs a command in {@code dir}; fails the test with its output if it exits non-zero. */
  static String run(Path dir, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
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

  static String logs(Path dir, String container) {
    try {
      return run(dir, "docker", "logs", container);
    } catch (Exception e) {
      return "(no logs: " + e.getMessage() + ")";
    }
  }

  /** Something to do with a served image, given its base URL and container name. */
  @FunctionalInterface
  interface WhileServing {
    void check(String baseUrl, String container) throws Exception;
  }

  /**
   * Runs the image as the platform will ({@code --network=host}, {@code PORT} set), waits for
   * {@code /_/ready}, checks that the conformance fixture echoes {@code value}, runs {@code extra}
   * and removes the container.
   */
  static void assertServesEcho(
      Path repo, String imageId, String namePrefix, String value, WhileRunning extra)
      throws Exception {
    serve(
        repo,
        imageId,
        namePrefix,
        (base, name) -> {
          HttpResponse<String> echo =
              invoke(base, "{\"action\":\"echo\",\"value\":\"" + value + "\"}");
          assertThat(echo.statusCode()).as("logs: %s", logs(repo, name)).isEqualTo(200);
          assertThat(echo.body()).isEqualTo("{\"value\":\"" + value + "\"}");
          extra.check(name);
        });
  }

  /** {@code POST /invoke} with {@code json} as the body. */
  static HttpResponse<String> invoke(String baseUrl, String json) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/invoke"))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Runs the image as the platform will ({@code --network=host}, {@code PORT} set), waits for
   * {@code /_/ready}, runs {@code check} and removes the container.
   */
  static void serve(Path repo, String imageId, String namePrefix, WhileServing check)
      throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String name = namePrefix + "-" + port;
    run(
        repo,
        "docker",
        "run",
        "-d",
        "--rm",
        "--network=host",
        "--name",
        name,
        "-e",
        "PORT=" + port,
        imageId);
    try {
      String base = "http://127.0.0.1:" + port;
      long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      int ready = 0;
      while (System.nanoTime() < until && ready != 200) {
        try {
          ready =
              HTTP.send(
                      HttpRequest.newBuilder(URI.create(base + "/_/ready")).build(),
                      HttpResponse.BodyHandlers.discarding())
                  .statusCode();
        } catch (IOException notYet) {
          // not listening yet
        }
        if (ready != 200) {
          Thread.sleep(100);
        }
      }
      assertThat(ready).as("GET /_/ready; logs: %s", logs(repo, name)).isEqualTo(200);
      check.check(base, name);
    } finally {
      run(repo, "docker", "rm", "-f", name);
    }
  }
}
