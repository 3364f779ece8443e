package io.fathom.runner.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.runner.Instance;
import io.fathom.runner.InstanceSpec;
import io.fathom.runner.PortAllocator;
import io.fathom.runner.Readiness;
import io.fathom.runner.ReadinessProbe;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cold start through the runner (create, start, poll {@code /_/ready}) against the floor: a bare
 * {@code docker run -d} of the same image, command and limits (1 CPU, 256 MiB), polled the same
 * way. The platform's goal is at most 1.5 times the floor (medians of {@value #ROUNDS} alternating
 * rounds).
 */
class ColdStartIT {
  private static final int ROUNDS = 9;
  private static final Path REPO =
      Path.of(System.getProperty("fathom.repo.root", "..")).toAbsolutePath().normalize();
  private static final String IMAGE = "fathom/base-python310:latest";
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static DockerRunner runner;
  private static String server;

  @BeforeAll
  static void setUp() throws Exception {
    Process images =
        new ProcessBuilder("scripts/images.sh", "python310")
            .directory(REPO.toFile())
            .redirectErrorStream(true)
            .start();
    images.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assertThat(images.waitFor()).as("scripts/images.sh python310").isZero();
    try (InputStream in = ColdStartIT.class.getResourceAsStream("/tiny_server.py")) {
      server = new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
    }
    runner = new DockerRunner();
    runner.capacity();
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (runner != null) {
      for (Instance left : runner.list(Map.of("io.fathom.test-run", RUN))) {
        runner.remove(left.id(), Duration.ZERO);
      }
      runner.close();
    }
  }

  @Test
  void runnerColdStart_isWithinOneAndAHalfTimesBareDockerRun() throws Exception {
    PortAllocator ports = new PortAllocator();
    ReadinessProbe probe = new ReadinessProbe(runner);
    // one of each first, unmeasured: page cache, JIT, connection pool
    bare(ports.allocate(), "warm");
    viaRunner(probe, ports.allocate(), "warm");
    List<Long> bare = new ArrayList<>();
    List<Long> ours = new ArrayList<>();
    for (int i = 0; i < ROUNDS; i++) {
      bare.add(bare(ports.allocate(), "b" + i));
      ours.add(viaRunner(probe, ports.allocate(), "r" + i));
    }
    long bareMedian = median(bare);
    long oursMedian = median(ours);
    System.out.printf(
        "cold start to first /_/ready 200 (ms): bare docker run median %d %s, runner median %d"
            + " %s, ratio %.2f%n",
        bareMedian, bare, oursMedian, ours, oursMedian / (double) bareMedian);
    assertThat(oursMedian).isLessThanOrEqualTo(Math.round(bareMedian * 1.5));
  }

  private static long viaRunner(ReadinessProbe probe, int port, String suffix) throws Exception {
    long start = System.nanoTime();
    Instance instance =
        runner.start(
            new InstanceSpec(
                "fathom-coldstart-" + RUN + "-" + suffix,
                IMAGE,
                port,
                Map.of(),
                Map.of("io.fathom.test-run", RUN),
                new InstanceSpec.Resources(1, 256L << 20, 0, "small"),
                List.of("python3", "-c", server)));
    Readiness readiness = probe.await(instance, Duration.ofSeconds(30));
    long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertThat(readiness.ready()).as(readiness.describe()).isTrue();
    runner.remove(instance.id(), Duration.ZERO);
    return ms;
  }

  private static long bare(int port, String suffix) throws Exception {
    String name = "fathom-coldstart-bare-" + RUN + "-" + suffix;
    long start = System.nanoTime();
    Process run =
        new ProcessBuilder(
                "docker",
                "run",
                "-d",
                "--network=host",
                "--cpus=1",
                "--memory=256m",
                "--memory-swap=256m",
                "--name",
                name,
                "--label",
                "io.fathom.test-run=" + RUN,
                "-e",
                "PORT=" + port,
                IMAGE,
                "python3",
                "-c",
                server)
            .redirectErrorStream(true)
            .start();
    String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(run.waitFor()).as(out).isZero();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_/ready")).build();
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          break;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      assertThat(System.nanoTime()).as("bare container ready within 30 s").isLessThan(until);
      Thread.sleep(20);
    }
    long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
    new ProcessBuilder("docker", "rm", "-f", name).start().waitFor();
    return ms;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
