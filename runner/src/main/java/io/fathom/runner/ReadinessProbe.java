package io.fathom.runner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Waits for a started instance to answer {@code GET http://127.0.0.1:PORT/_/ready} with 200, for
 * rolling replacement and cold starts. It polls often (every {@code interval}, 20 ms by default)
 * because cold-start latency is measured to the first answer; it asks the runner whether the
 * instance is still running only every {@code exitCheckEvery}, so a crash is reported early (with
 * its exit code, OOM kill and last log lines) without an engine call per poll.
 */
public final class ReadinessProbe {
  public static final String READY_PATH = "/_/ready";
  private static final int TAIL_LINES = 20;

  private final Runner runner;
  private final Duration interval;
  private final Duration exitCheckEvery;
  private final HttpClient http;

  public ReadinessProbe(Runner runner) {
    this(runner, Duration.ofMillis(20), Duration.ofMillis(200));
  }

  public ReadinessProbe(Runner runner, Duration interval, Duration exitCheckEvery) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, got " + interval);
    }
    this.runner = runner;
    this.interval = interval;
    this.exitCheckEvery = exitCheckEvery;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
  }

  /**
   * Polls until ready, exited or {@code timeout}.
   *
   * @throws RunnerException when the engine cannot be asked about the instance
   */
  public Readiness await(Instance instance, Duration timeout)
      throws RunnerException, InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long nextExitCheck = start + exitCheckEvery.toNanos();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + READY_PATH))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    while (true) {
      if (answers200(request)) {
        return new Readiness(Readiness.Outcome.READY, since(start), null, List.of());
      }
      long now = System.nanoTime();
      if (now >= nextExitCheck || now >= deadline) {
        nextExitCheck = now + exitCheckEvery.toNanos();
        Optional<Instance> current = runner.inspect(instance.id());
        if (current.isEmpty()) {
          return new Readiness(Readiness.Outcome.EXITED, since(start), null, List.of());
        }
        if (current.get().state() == Instance.State.EXITED) {
          return new Readiness(
              Readiness.Outcome.EXITED, since(start), current.get(), tail(instance.id()));
        }
        if (now >= deadline) {
          return new Readiness(
              Readiness.Outcome.TIMED_OUT, since(start), current.get(), tail(instance.id()));
        }
      }
      Thread.sleep(interval);
    }
  }

  private boolean answers200(HttpRequest request) throws InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notListeningYet) {
      return false;
    }
  }

  private List<LogLine> tail(String id) {
    try {
      return runner.tail(id, TAIL_LINES);
    } catch (RunnerException gone) {
      return List.of();
    }
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
