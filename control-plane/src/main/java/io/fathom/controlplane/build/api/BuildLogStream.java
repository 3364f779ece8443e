package io.fathom.controlplane.build.api;

import io.fathom.controlplane.build.BuildLogLine;
import io.fathom.controlplane.build.BuildService;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * A build's log as a stream of NDJSON lines, read from the database in batches by a virtual thread;
 * when following, it polls for new lines until the build has ended and every line is out.
 */
@Singleton
class BuildLogStream {
  private static final int BATCH = 500;
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration GRACE = Duration.ofSeconds(3);

  private final BuildService builds;
  private final ObjectMapper json;

  BuildLogStream(BuildService builds, ObjectMapper json) {
    this.builds = builds;
    this.json = json;
  }

  Publisher<byte[]> stream(UUID buildId, boolean follow) {
    return Flux.create(
        sink -> {
          // Not interrupted on cancel: it may be inside a JDBC call; it sees isCancelled() instead.
          Thread.ofVirtual().name("build-logs-" + buildId).start(() -> pump(buildId, follow, sink));
        });
  }

  private void pump(UUID buildId, boolean follow, FluxSink<byte[]> sink) {
    int seq = 0;
    String last = null;
    try {
      while (!sink.isCancelled()) {
        boolean ended = builds.logComplete(buildId, last, GRACE);
        List<BuildLogLine> lines = builds.logs(buildId, seq, BATCH);
        for (BuildLogLine line : lines) {
          sink.next(encode(line));
          seq = line.seq();
          last = line.line();
        }
        if (!lines.isEmpty() && !ended) {
          ended = builds.logComplete(buildId, last, GRACE);
        }
        if (lines.size() == BATCH) {
          continue;
        }
        if (!follow || ended) {
          break;
        }
        Thread.sleep(POLL);
      }
      sink.complete();
    } catch (InterruptedException e) {
      sink.complete();
    } catch (RuntimeException e) {
      sink.error(e);
    }
  }

  private byte[] encode(BuildLogLine line) {
    try {
      String text =
          json.writeValueAsString(new BuildDtos.LogLine(line.ts(), line.stream(), line.line()));
      return (text + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
