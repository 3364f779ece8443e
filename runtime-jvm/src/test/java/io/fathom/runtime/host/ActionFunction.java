package io.fathom.runtime.host;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.runtime.sdk.Context;
import io.fathom.runtime.sdk.Function;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** The test function: does what the input's {@code action} says (like the conformance fixture). */
public class ActionFunction implements Function {
  /** Calls that reached {@link #handle}. */
  public final AtomicInteger calls = new AtomicInteger();

  /** Set when a {@code sleep} call was interrupted. */
  public final AtomicBoolean sleepInterrupted = new AtomicBoolean();

  /** Counted down when a {@code sleep} or {@code spin} call starts. */
  public volatile CountDownLatch started = new CountDownLatch(1);

  /** Ends every {@code spin} call (tests set it when they are done). */
  public final AtomicBoolean releaseSpin = new AtomicBoolean();

  public record Point(int x, int y) {}

  @Override
  public Object handle(JsonNode input, Context context) throws Exception {
    calls.incrementAndGet();
    String action = input.path("action").asText();
    return switch (action) {
      case "echo" -> Map.of("value", input.path("value"));
      case "fail" -> throw new IllegalStateException(input.path("message").asText());
      case "sleep" -> sleep(input.path("ms").asLong());
      case "spin" -> spin();
      case "env" -> {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sdk", context.sdk());
        out.put("port", context.env().get("PORT"));
        yield out;
      }
      case "log" -> {
        context.logger().info(input.path("message").asText());
        context.logger().warn("warned");
        context.logger().error("errored");
        yield Map.of("logged", input.path("message").asText());
      }
      case "bad-output" -> Map.of("unexpected", true);
      case "context" ->
          Map.of(
              "callId", context.callId(),
              "deadlineMs", context.deadlineMs(),
              "remainingMs", context.remainingMs());
      case "null" -> null;
      case "record" -> new Point(1, 2);
      case "not-json" -> new Object();
      default -> throw new IllegalArgumentException("unknown action '" + action + "'");
    };
  }

  private Object sleep(long ms) throws InterruptedException {
    started.countDown();
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      sleepInterrupted.set(true);
      throw e;
    }
    return Map.of("slept", ms);
  }

  /** Busy-loops, ignoring interrupts, until released (at most 30 s). */
  private Object spin() {
    started.countDown();
    long end = System.nanoTime() + 30_000_000_000L;
    while (!releaseSpin.get() && System.nanoTime() < end) {
      Thread.onSpinWait();
    }
    return Map.of("spun", true);
  }
}
