package io.fathom.controlplane.instance;

import io.fathom.runner.Instance;
import io.fathom.runner.LogLine;
import io.fathom.runner.Runner;
import io.fathom.runner.RunnerException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Waits for a new instance to answer its ready path with 200. Polls often (cold starts are
 * measured), and checks the engine now and then so an instance that exited fails at once with its
 * exit code and last log lines instead of after the whole timeout.
 */
@Singleton
public class ReadyProbe {
  private static final Duration POLL = Duration.ofMillis(15);
  private static final Duration ENGINE_CHECK = Duration.ofMillis(300);
  private static final int LOG_TAIL = 30;

  private final Runner runner;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(1))
          .build();

  public ReadyProbe(Runner runner) {
    this.runner = runner;
  }

  public void await(String instanceId, int port, String readyPath, Duration timeout)
      throws InstanceException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextEngineCheck = System.nanoTime() + ENGINE_CHECK.toNanos();
    HttpRequest request =
        HttpRequest.newBuilder(new LiveInstance(instanceId, port, null).uri(readyPath))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    while (true) {
      try {
        HttpResponse<Void> reply = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (reply.statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // The process is still starting.
      }
      long now = System.nanoTime();
      if (now >= nextEngineCheck) {
        nextEngineCheck = now + ENGINE_CHECK.toNanos();
        Optional<Instance> seen = inspect(instanceId);
        if (seen.isEmpty() || !seen.get().running()) {
          throw exited(instanceId, seen);
        }
      }
      if (now >= deadline) {
        throw new InstanceException(
            "not-ready",
            "The instance did not answer "
                + readyPath
                + " with 200 within "
                + timeout.toSeconds()
                + " s. Its last output:\n"
                + tail(instanceId));
      }
      Thread.sleep(POLL);
    }
  }

  /** Describes an instance that exited: out of memory or crashed, with its exit code and output. */
  public InstanceException exited(String instanceId, Optional<Instance> seen) {
    if (seen.isPresent() && seen.get().oomKilled()) {
      return new InstanceException(
          "out-of-memory",
          "The instance was killed for using more memory than its serving size allows. Its last"
              + " output:\n"
              + tail(instanceId));
    }
    String exit =
        seen.map(i -> i.exitCode() == null ? "" : " with code " + i.exitCode()).orElse("");
    return new InstanceException(
        "instance-crashed",
        "The instance exited" + exit + ". Its last output:\n" + tail(instanceId));
  }

  private Optional<Instance> inspect(String instanceId) throws InstanceException {
    try {
      return runner.inspect(instanceId);
    } catch (RunnerException e) {
      throw new InstanceException(e.code(), e.getMessage(), e);
    }
  }

  private String tail(String instanceId) {
    try {
      List<LogLine> lines = runner.tail(instanceId, LOG_TAIL);
      return lines.isEmpty()
          ? "(nothing)"
          : lines.stream().map(LogLine::line).collect(Collectors.joining("\n"));
    } catch (RunnerException e) {
      return "(its output could not be read: " + e.getMessage() + ")";
    }
  }
}
