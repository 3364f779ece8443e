package io.fathom.runtime.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.fathom.runtime.sdk.Function;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs each call on its own platform thread (not a virtual one: a busy loop in user code must not
 * pin a carrier that the HTTP server needs) and waits for it until the call's deadline.
 *
 * <p>Past the deadline the caller gets {@link CallOutcome.TimedOut} at once and the call's thread
 * is interrupted. A watcher then gives the thread {@code stopGrace} to end; if it is still running
 * after that, {@code onStuck} is told (the host drains and exits so that it is replaced: a JVM
 * cannot kill a thread). At most {@code workers} calls run at once; a worker stays taken until its
 * thread really ends.
 */
final class CallRunner {
  /** Told when a call's thread outlives its deadline by more than the stop grace. */
  @FunctionalInterface
  interface StuckCallListener {
    void stuck(String callId, Duration grace);
  }

  private final Function function;
  private final Semaphore workers;
  private final Duration stopGrace;
  private final StuckCallListener onStuck;
  private final ObjectMapper json;

  CallRunner(
      Function function,
      int workers,
      Duration stopGrace,
      StuckCallListener onStuck,
      ObjectMapper json) {
    this.function = function;
    this.workers = new Semaphore(workers);
    this.stopGrace = stopGrace;
    this.onStuck = onStuck;
    this.json = json;
  }

  CallOutcome run(JsonNode input, CallContext context) throws InterruptedException {
    long waitMs = context.remainingMs();
    if (waitMs <= 0) {
      return new CallOutcome.TimedOut("the deadline had passed when the call arrived");
    }
    if (!workers.tryAcquire(waitMs, TimeUnit.MILLISECONDS)) {
      return new CallOutcome.TimedOut("no worker became free before the deadline");
    }
    CompletableFuture<CallOutcome> result = new CompletableFuture<>();
    Thread worker =
        Thread.ofPlatform()
            .name("fathom-call-" + shortId(context.callId()))
            .daemon(true)
            .unstarted(() -> runOnWorker(input, context, result));
    worker.start();
    try {
      return result.get(Math.max(1, context.remainingMs()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      worker.interrupt();
      watch(worker, context.callId());
      return new CallOutcome.TimedOut("the call did not finish before its deadline");
    } catch (InterruptedException e) {
      worker.interrupt();
      throw e;
    } catch (ExecutionException e) {
      return new CallOutcome.Failed(e.getCause());
    }
  }

  private void runOnWorker(
      JsonNode input, CallContext context, CompletableFuture<CallOutcome> result) {
    try {
      Object value = function.handle(input, context);
      result.complete(new CallOutcome.Returned(toJson(value)));
    } catch (Throwable error) {
      result.complete(new CallOutcome.Failed(error));
    } finally {
      workers.release();
    }
  }

  private JsonNode toJson(Object value) throws OutputNotJsonException {
    if (value == null) {
      return NullNode.getInstance();
    }
    if (value instanceof JsonNode node) {
      return node;
    }
    try {
      return json.valueToTree(value);
    } catch (IllegalArgumentException e) {
      throw new OutputNotJsonException(value, e);
    }
  }

  private void watch(Thread worker, String callId) {
    Thread.ofVirtual()
        .name("fathom-stop-watch-" + shortId(callId))
        .start(
            () -> {
              try {
                if (!worker.join(stopGrace)) {
                  onStuck.stuck(callId, stopGrace);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }

  private static String shortId(String callId) {
    return callId.length() <= 64 ? callId : callId.substring(0, 64);
  }

  /** The function returned a value that Jackson cannot write. */
  static final class OutputNotJsonException extends Exception {
    OutputNotJsonException(Object value, IllegalArgumentException cause) {
      super(
          "the function returned a "
              + value.getClass().getName()
              + " that cannot be written as JSON: "
              + cause.getMessage(),
          cause);
    }
  }
}
