package io.fathom.runner.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import io.fathom.runner.HostCapacity;
import io.fathom.runner.Instance;
import io.fathom.runner.InstanceSpec;
import io.fathom.runner.LogLine;
import io.fathom.runner.LogSubscription;
import io.fathom.runner.PortAllocator;
import io.fathom.runner.Readiness;
import io.fathom.runner.ReadinessProbe;
import io.fathom.runner.RunnerException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link DockerRunner} against the real engine (scripts/docker.sh starts it; these tests fail, not
 * skip, without it) with the offline {@code fathom/base-python310} image (made or found cached by
 * scripts/images.sh) running a tiny HTTP server on its {@code PORT}.
 */
class DockerRunnerIT {
  private static final Path REPO =
      Path.of(System.getProperty("fathom.repo.root", "..")).toAbsolutePath().normalize();
  private static final String IMAGE = "fathom/base-python310:latest";
  private static final long MIB = 1024L * 1024;
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final Map<String, String> RUN_LABEL = Map.of("io.fathom.test-run", RUN);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final PortAllocator PORTS = new PortAllocator();

  private static DockerClient docker;
  private static DockerRunner runner;
  private static ReadinessProbe probe;
  private static String server;

  @BeforeAll
  static void engineAndImage() throws Exception {
    String images = run("scripts/images.sh", "python310");
    assertThat(images).as("scripts/images.sh output").contains("fathom/base-python310:");
    try (InputStream in = DockerRunnerIT.class.getResourceAsStream("/tiny_server.py")) {
      server = new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
    }
    docker = DockerClients.fromEnvironment();
    runner = new DockerRunner(docker);
    probe = new ReadinessProbe(runner);
    HostCapacity host = runner.capacity(); // fails loudly (engine-unavailable) without an engine
    assertThat(host.cpus()).isPositive();
  }

  @AfterAll
  static void cleanUp() throws Exception {
    if (runner != null) {
      for (Instance left : runner.list(RUN_LABEL)) {
        runner.remove(left.id(), Duration.ZERO);
      }
      runner.close();
    }
  }

  private static InstanceSpec spec(
      String suffix, Map<String, String> env, InstanceSpec.Resources resources, List<String> cmd)
      throws RunnerException {
    return new InstanceSpec(
        "fathom-runner-it-" + RUN + "-" + suffix,
        IMAGE,
        PORTS.allocate(),
        env,
        Map.of("io.fathom.test-run", RUN, "io.fathom.test-case", suffix),
        resources,
        cmd);
  }

  private static InstanceSpec serverSpec(String suffix, Map<String, String> env)
      throws RunnerException {
    return spec(
        suffix,
        env,
        new InstanceSpec.Resources(0.5, 128 * MIB, 0, "small"),
        List.of("python3", "-c", server));
  }

  private static Instance startReady(InstanceSpec spec) throws Exception {
    Instance instance = runner.start(spec);
    Readiness readiness = probe.await(instance, Duration.ofSeconds(30));
    assertThat(readiness.ready()).as(readiness.describe()).isTrue();
    return instance;
  }

  private static HttpResponse<String> get(Instance instance, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void start_servesOnItsPort_withEnvLabelsAndLimits() throws Exception {
    InstanceSpec spec = serverSpec("serve", Map.of("FATHOM_TEST_SECRET", "hunter2-" + RUN));
    Instance instance = startReady(spec);

    assertThat(instance.running()).isTrue();
    assertThat(instance.name()).isEqualTo(spec.name());
    assertThat(instance.port()).isEqualTo(spec.port());
    assertThat(instance.startedAt()).isBefore(Instant.now().plusSeconds(1));
    assertThat(instance.labels())
        .containsEntry("io.fathom.managed", "true")
        .containsEntry("io.fathom.port", Integer.toString(spec.port()))
        .containsEntry("io.fathom.test-case", "serve");
    assertThat(get(instance, "/env/FATHOM_TEST_SECRET").body()).isEqualTo("hunter2-" + RUN);
    assertThat(get(instance, "/env/PORT").body()).isEqualTo(Integer.toString(spec.port()));

    assertThatThrownBy(() -> runner.start(spec))
        .as("a second instance with the same name")
        .hasFieldOrPropertyWithValue("code", "start-failed")
        .hasMessageContaining(spec.name())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));

    HostConfig host = docker.inspectContainerCmd(instance.id()).exec().getHostConfig();
    assertThat(host.getMemory()).isEqualTo(128 * MIB);
    assertThat(host.getMemorySwap()).isEqualTo(128 * MIB);
    assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
    assertThat(host.getNetworkMode()).isEqualTo("host");
  }

  @Test
  void list_findsInstancesByLabels_includingExitedOnes() throws Exception {
    Instance a = startReady(serverSpec("list-a", Map.of()));
    Instance b =
        runner.start(
            spec(
                "list-b",
                Map.of(),
                new InstanceSpec.Resources(0.5, 64 * MIB, 0, "small"),
                List.of("python3", "-c", "raise SystemExit(3)")));
    Readiness exited = probe.await(b, Duration.ofSeconds(30));
    assertThat(exited.outcome()).isEqualTo(Readiness.Outcome.EXITED);
    assertThat(exited.instance().exitCode()).isEqualTo(3);
    assertThat(exited.describe()).contains("exit code 3");

    List<Instance> both =
        runner.list(Map.of("io.fathom.test-run", RUN)).stream()
            .filter(i -> i.name().contains("-list-"))
            .toList();
    assertThat(both).extracting(Instance::id).containsExactlyInAnyOrder(a.id(), b.id());
    List<Instance> onlyB =
        runner.list(Map.of("io.fathom.test-run", RUN, "io.fathom.test-case", "list-b"));
    assertThat(onlyB)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.state()).isEqualTo(Instance.State.EXITED);
              assertThat(i.exitCode()).isEqualTo(3);
              assertThat(i.oomKilled()).isFalse();
            });
    assertThat(runner.list(Map.of("io.fathom.test-run", "no-such-run"))).isEmpty();
  }

  @Test
  void followLogs_deliversLinesLiveWithStreamAndTimestamp() throws Exception {
    Instance instance = startReady(serverSpec("logs", Map.of()));
    List<LogLine> lines = new CopyOnWriteArrayList<>();
    try (LogSubscription follow = runner.followLogs(instance.id(), null, lines::add)) {
      waitFor(lines, l -> l.line().startsWith("listening on "));
      Instant before = Instant.now().minusSeconds(1);
      assertThat(get(instance, "/log").body()).isEqualTo("logged");
      waitFor(lines, l -> l.line().equals("err line"));
      waitFor(lines, l -> l.line().equals("out line two"));
      List<LogLine> out = lines.stream().filter(l -> l.stream() == LogLine.Stream.STDOUT).toList();
      assertThat(out)
          .extracting(LogLine::line)
          .containsExactly("listening on " + instance.port(), "out line one", "out line two");
      assertThat(lines)
          .filteredOn(l -> l.line().equals("err line"))
          .singleElement()
          .satisfies(l -> assertThat(l.stream()).isEqualTo(LogLine.Stream.STDERR));
      assertThat(lines)
          .filteredOn(l -> !l.line().startsWith("listening"))
          .allSatisfy(
              l -> assertThat(l.ts()).isAfter(before).isBefore(Instant.now().plusSeconds(1)));

      // since: lines from before it are left out (to the nanosecond, not the engine's second)
      Instant since = out.get(1).ts().plusNanos(1);
      List<LogLine> later = new CopyOnWriteArrayList<>();
      try (LogSubscription second = runner.followLogs(instance.id(), since, later::add)) {
        waitFor(later, l -> l.line().equals("out line two"));
        assertThat(later)
            .extracting(LogLine::line)
            .doesNotContain("out line one", "listening on " + instance.port());
      }
    }
    List<LogLine> tail = runner.tail(instance.id(), 2);
    assertThat(tail).hasSize(2);
    assertThat(tail).extracting(LogLine::line).contains("out line two");
    assertThat(runner.tail(instance.id(), 100)).hasSize(4);
  }

  @Test
  void overMemory_isAnOomKill() throws Exception {
    Instance instance =
        runner.start(
            spec(
                "oom",
                Map.of(),
                new InstanceSpec.Resources(0.5, 64 * MIB, 0, "tiny"),
                List.of(
                    "python3",
                    "-c",
                    "import time\nx = bytearray(256 * 1024 * 1024)\ntime.sleep(60)")));
    Readiness readiness = probe.await(instance, Duration.ofSeconds(30));
    assertThat(readiness.outcome()).isEqualTo(Readiness.Outcome.EXITED);
    assertThat(readiness.instance().oomKilled()).isTrue();
    assertThat(readiness.instance().exitCode()).isEqualTo(137);
    assertThat(readiness.describe()).contains("exit code 137", "more memory than its serving size");
    assertThat(runner.inspect(instance.id())).get().extracting(Instance::oomKilled).isEqualTo(true);
  }

  @Test
  void cpusAboveTheHost_isSizeUnavailableNamingBothFigures() throws Exception {
    int hostCpus = runner.capacity().cpus();
    InstanceSpec spec =
        spec(
            "too-big",
            Map.of(),
            new InstanceSpec.Resources(hostCpus + 2, 256 * MIB, 0, "xxlarge"),
            List.of());
    assertThatThrownBy(() -> runner.start(spec))
        .isInstanceOf(RunnerException.class)
        .hasFieldOrPropertyWithValue("code", "size-unavailable")
        .hasMessageContaining("xxlarge")
        .hasMessageContaining("asks for " + (hostCpus + 2) + " CPUs")
        .hasMessageContaining("this host has " + hostCpus + " CPU");
    assertThat(runner.inspect(spec.name())).isEmpty();
  }

  @Test
  void gpuOnThisEngine_isGpuUnavailable() throws Exception {
    assertThat(runner.capacity().gpus()).as("this engine has no GPU runtime").isZero();
    InstanceSpec spec =
        spec(
            "gpu",
            Map.of(),
            new InstanceSpec.Resources(0.5, 128 * MIB, 1, "small / nvidia-l4"),
            List.of("python3", "-c", server));
    assertThatThrownBy(() -> runner.start(spec))
        .hasFieldOrPropertyWithValue("code", "gpu-unavailable")
        .hasMessageContaining("small / nvidia-l4");
    assertThat(runner.inspect(spec.name())).isEmpty();
  }

  @Test
  void gpuRefusedByTheEngine_isGpuUnavailable_andLeavesNoContainer() throws Exception {
    // The capacity check is told there is a GPU, so the request reaches the engine, which refuses.
    HostCapacity real = runner.capacity();
    DockerRunner believesInGpus =
        new DockerRunner(docker, new HostCapacity(real.cpus(), real.memoryBytes(), 1));
    InstanceSpec spec =
        spec(
            "gpu-engine",
            Map.of(),
            new InstanceSpec.Resources(0.5, 128 * MIB, 1, "small / nvidia-l4"),
            List.of("python3", "-c", server));
    assertThatThrownBy(() -> believesInGpus.start(spec))
        .hasFieldOrPropertyWithValue("code", "gpu-unavailable")
        .hasMessageContaining("small / nvidia-l4")
        .hasMessageContaining("could not select device driver \"nvidia\"");
    assertThat(runner.inspect(spec.name())).isEmpty();
  }

  @Test
  void remove_sendsSigtermFirst_thenRemoves_andTwiceIsFine() throws Exception {
    Instance instance = startReady(serverSpec("remove", Map.of()));
    List<LogLine> lines = new CopyOnWriteArrayList<>();
    try (LogSubscription follow = runner.followLogs(instance.id(), null, lines::add)) {
      long start = System.nanoTime();
      runner.remove(instance.id(), Duration.ofSeconds(20));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took)
          .as("stopped on SIGTERM, well before the grace")
          .isLessThan(Duration.ofSeconds(10));
      waitFor(lines, l -> l.line().equals("got SIGTERM"));
    }
    assertThat(runner.inspect(instance.id())).isEmpty();
    runner.remove(instance.id(), Duration.ofSeconds(1));
    assertThat(runner.inspect(instance.id())).isEmpty();
  }

  @Test
  void missingImage_isImageMissing() throws Exception {
    for (String image : List.of("fathom/no-such-image:" + RUN, "sha256:" + "0".repeat(64))) {
      InstanceSpec spec =
          new InstanceSpec(
              "fathom-runner-it-" + RUN + "-missing",
              image,
              PORTS.allocate(),
              Map.of(),
              RUN_LABEL,
              new InstanceSpec.Resources(0.5, 64 * MIB, 0, "small"));
      assertThatThrownBy(() -> runner.start(spec))
          .hasFieldOrPropertyWithValue("code", "image-missing")
          .hasMessageContaining(image);
    }
  }

  @Test
  void logsOfAnUnknownInstance_areInstanceMissing() {
    assertThatThrownBy(() -> runner.tail("fathom-runner-it-" + RUN + "-never", 10))
        .hasFieldOrPropertyWithValue("code", "instance-missing");
  }

  private static void waitFor(List<LogLine> lines, Predicate<LogLine> wanted) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (lines.stream().noneMatch(wanted)) {
      if (System.nanoTime() > until) {
        throw new AssertionError("no such line within 15 s; got " + lines);
      }
      Thread.sleep(20);
    }
  }

  private static String run(String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
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
}
