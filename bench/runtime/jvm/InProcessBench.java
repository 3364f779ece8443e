import com.example.fixture.Handler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fathom.runtime.sdk.Context;
import io.fathom.runtime.sdk.Function;
import io.fathom.runtime.sdk.Logger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;

/**
 * In-process baseline for jvm21 (bench/runtime-overhead.sh).
 *
 * <p>usage: java -cp ... InProcessBench SECONDS WARMUP_SECONDS
 *
 * <p>Calls the conformance fixture's {@code Handler.handle} in a loop, timing every call
 * (System.nanoTime). Modes: "handler" (handle only, input already a JsonNode) and "json" (Jackson
 * readTree of the body, handle, writeValueAsBytes of the result). Callers: 1 and 16 platform
 * threads. Prints one line per run: MODE CALLERS P50_NS CALLS_PER_SECOND.
 */
public final class InProcessBench {
  static final int BUCKET_NS = 10;
  static final int BUCKETS = 100_000; // 10 ns buckets up to 1 ms, then one overflow bucket
  static final byte[] BODY = "{\"action\":\"echo\",\"value\":1}".getBytes(StandardCharsets.UTF_8);
  static final ObjectMapper JSON = new ObjectMapper();
  static volatile Object sink;

  /** A fixed context: the handler's echo action reads none of it. */
  static final Context CONTEXT =
      new Context() {
        final long deadline = System.currentTimeMillis() + 3_600_000;
        final Logger logger =
            new Logger() {
              public void info(String m) {}

              public void warn(String m) {}

              public void error(String m) {}
            };

        public String callId() {
          return "bench-call";
        }

        public long deadlineMs() {
          return deadline;
        }

        public long remainingMs() {
          return deadline - System.currentTimeMillis();
        }

        public Logger logger() {
          return logger;
        }

        public Map<String, String> sdk() {
          return Map.of();
        }

        public Map<String, String> env() {
          return Map.of();
        }
      };

  static long[] run(Function handler, boolean json, int callers, double seconds) throws Exception {
    long[][] histograms = new long[callers][BUCKETS + 1];
    long[] calls = new long[callers];
    CyclicBarrier start = new CyclicBarrier(callers + 1);
    Thread[] threads = new Thread[callers];
    JsonNode input = JSON.readTree(BODY);
    for (int i = 0; i < callers; i++) {
      final int index = i;
      threads[i] =
          new Thread(
              () -> {
                try {
                  long[] histogram = histograms[index];
                  start.await();
                  long end = System.nanoTime() + (long) (seconds * 1e9);
                  long n = 0;
                  while (true) {
                    long t0 = System.nanoTime();
                    Object out =
                        json
                            ? JSON.writeValueAsBytes(handler.handle(JSON.readTree(BODY), CONTEXT))
                            : handler.handle(input, CONTEXT);
                    long t1 = System.nanoTime();
                    sink = out;
                    histogram[(int) Math.min((t1 - t0) / BUCKET_NS, BUCKETS)]++;
                    n++;
                    if (t1 >= end) break;
                  }
                  calls[index] = n;
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      threads[i].start();
    }
    start.await();
    long began = System.nanoTime();
    for (Thread thread : threads) thread.join();
    double elapsed = (System.nanoTime() - began) / 1e9;
    long total = 0;
    for (long n : calls) total += n;
    long seen = 0;
    for (int bucket = 0; bucket <= BUCKETS; bucket++) {
      for (long[] histogram : histograms) seen += histogram[bucket];
      if (seen * 2 >= total) {
        return new long[] {(long) bucket * BUCKET_NS + BUCKET_NS / 2, Math.round(total / elapsed)};
      }
    }
    return new long[] {-1, Math.round(total / elapsed)};
  }

  public static void main(String[] args) throws Exception {
    double seconds = Double.parseDouble(args[0]);
    double warmup = Double.parseDouble(args[1]);
    Function handler = new Handler();
    String echoed = JSON.writeValueAsString(handler.handle(JSON.readTree(BODY), CONTEXT));
    if (!echoed.equals("{\"value\":1}")) throw new IllegalStateException("echo gave " + echoed);
    for (String mode : new String[] {"handler", "json"}) {
      for (int callers : new int[] {1, 16}) {
        run(handler, mode.equals("json"), callers, warmup);
        long[] result = run(handler, mode.equals("json"), callers, seconds);
        System.out.println(mode + " " + callers + " " + result[0] + " " + result[1]);
      }
    }
  }
}
