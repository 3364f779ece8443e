package io.fathom.runner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.fathom.runner.LogLine;
import io.fathom.runner.LogSubscription;
import io.fathom.runner.RunnerException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An instance's output through the engine's logs call (stdout and stderr, with timestamps), split
 * into lines by {@link LogFrameSplitter}: followed live, or its last lines.
 */
final class DockerLogs {
  private static final long TAIL_TIMEOUT_SECONDS = 30;

  private final DockerClient docker;

  DockerLogs(DockerClient docker) {
    this.docker = docker;
  }

  /**
   * Follows from {@code since} (null: from the start). The engine takes whole seconds, so lines
   * from earlier in that second are dropped here.
   */
  LogSubscription follow(String id, Instant since, Consumer<LogLine> sink) {
    LogContainerCmd cmd = logs(id).withFollowStream(true);
    if (since != null) {
      cmd.withSince((int) since.getEpochSecond());
    }
    Follow follow = new Follow(since, sink);
    cmd.exec(follow);
    return follow;
  }

  List<LogLine> tail(String id, int lines) throws RunnerException, InterruptedException {
    List<LogLine> out = new ArrayList<>();
    Follow read = new Follow(null, out::add);
    logs(id).withTail(lines).exec(read);
    if (!read.awaitCompletion(TAIL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      read.close();
      throw new RunnerException(
          "engine-unavailable",
          "The Docker engine did not return the logs of "
              + id
              + " in "
              + TAIL_TIMEOUT_SECONDS
              + " s");
    }
    synchronized (out) {
      return List.copyOf(out);
    }
  }

  private LogContainerCmd logs(String id) {
    return docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTimestamps(true);
  }

  /** One logs call: frames in, lines out; closing it ends the call. */
  private static final class Follow extends ResultCallback.Adapter<Frame>
      implements LogSubscription {
    private final LogFrameSplitter splitter;
    private volatile boolean closed;

    Follow(Instant since, Consumer<LogLine> sink) {
      this.splitter =
          new LogFrameSplitter(
              line -> {
                if (!closed && (since == null || !line.ts().isBefore(since))) {
                  sink.accept(line);
                }
              });
    }

    @Override
    public void onNext(Frame frame) {
      LogLine.Stream stream =
          frame.getStreamType() == StreamType.STDERR
              ? LogLine.Stream.STDERR
              : LogLine.Stream.STDOUT;
      splitter.accept(stream, frame.getPayload());
    }

    @Override
    public void onComplete() {
      splitter.flush();
      super.onComplete();
    }

    @Override
    public void onError(Throwable throwable) {
      if (!closed) {
        splitter.flush();
      }
      super.onError(throwable);
    }

    @Override
    public void close() {
      closed = true;
      try {
        super.close();
      } catch (IOException e) {
        // the connection is gone either way
      }
    }
  }
}
