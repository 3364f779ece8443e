package io.fathom.runtime.host;

import static io.fathom.runtime.host.TestHost.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deadlines: 504 timeout, the call's thread interrupted, and the stop path when it will not end.
 */
class DeadlineTest {
  private final ActionFunction function = new ActionFunction();
  private TestHost host;

  private TestHost start(Map<String, String> env) {
    host = TestHost.start(function, env);
    return host;
  }

  @AfterEach
  void stop() {
    function.releaseSpin.set(true);
    if (host != null) {
      host.close();
    }
  }

  private static String in(long ms) {
    return Long.toString(System.currentTimeMillis() + ms);
  }

  @Test
  void sleepPastTheDeadline_gets504_isInterrupted_andTheNextCallSucceeds() throws Exception {
    start(Map.of());
    long started = System.nanoTime();

    HttpResponse<String> late =
        host.invoke(
            "{\"action\":\"sleep\",\"ms\":10000}",
            "X-Fathom-Deadline-Ms",
            // Long enough that the call has surely started sleeping on a loaded machine (a call
            // whose deadline passed before it ran is refused without running, and never sleeps).
            in(1500),
            "X-Fathom-Call-Id",
            "c-late");

    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(4500);
    assertThat(late.statusCode()).isEqualTo(504);
    assertThat(json(late).at("/error/code").asText()).isEqualTo("timeout");
    assertThat(late.headers().firstValue("X-Fathom-Call-Id")).hasValue("c-late");
    waitFor(function.sleepInterrupted::get);
    HttpResponse<String> next = host.invoke("{\"action\":\"echo\",\"value\":1}");
    assertThat(next.statusCode()).isEqualTo(200);
    Thread.sleep(300);
    assertThat(host.exits).isEmpty();
    assertThat(host.host.state()).isEqualTo(HostState.READY);
  }

  @Test
  void withoutAHeader_theDeadlineIsFathomTimeoutSeconds() {
    start(Map.of("FATHOM_TIMEOUT_SECONDS", "1"));

    HttpResponse<String> response = host.invoke("{\"action\":\"sleep\",\"ms\":5000}");

    assertThat(response.statusCode()).isEqualTo(504);
  }

  @Test
  void aDeadlineAlreadyPast_gets504WithoutCallingTheFunction() {
    start(Map.of());

    HttpResponse<String> response =
        host.invoke("{\"action\":\"echo\"}", "X-Fathom-Deadline-Ms", in(-1000));

    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(function.calls).hasValue(0);
  }

  @Test
  void aDeadlineThatIsNotANumber_gets400() {
    start(Map.of());

    HttpResponse<String> response =
        host.invoke("{\"action\":\"echo\"}", "X-Fathom-Deadline-Ms", "tomorrow");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("invalid-deadline");
  }

  @Test
  void aBusyLoopThatIgnoresTheInterrupt_gets504_thenTheHostDrainsAndExits75() throws Exception {
    start(Map.of("FATHOM_STOP_GRACE_MS", "300", "FATHOM_DRAIN_SECONDS", "1"));

    HttpResponse<String> response =
        host.invoke(
            "{\"action\":\"spin\"}", "X-Fathom-Deadline-Ms", in(300), "X-Fathom-Call-Id", "c-spin");

    assertThat(response.statusCode()).isEqualTo(504);
    Integer status = host.exits.poll(10, TimeUnit.SECONDS);
    assertThat(status).isEqualTo(Stopper.EXIT_STUCK_CALL);
    assertThat(host.host.state()).isEqualTo(HostState.DRAINING);
    assertThat(host.get("/_/ready").statusCode()).isEqualTo(503);
    assertThat(host.logLines())
        .anySatisfy(
            line ->
                assertThat(line.get("message").asText())
                    .contains("call c-spin did not stop within 300 ms")
                    .contains("status 75"));
  }

  @Test
  void callsBeyondFathomWorkers_waitForAFreeWorkerWithinTheirDeadline() throws Exception {
    start(Map.of("FATHOM_WORKERS", "1"));
    CompletableFuture<HttpResponse<String>> first =
        CompletableFuture.supplyAsync(() -> host.invoke("{\"action\":\"sleep\",\"ms\":800}"));
    function.started.await(5, TimeUnit.SECONDS);

    HttpResponse<String> squeezed =
        host.invoke("{\"action\":\"echo\"}", "X-Fathom-Deadline-Ms", in(200));
    HttpResponse<String> patient =
        host.invoke("{\"action\":\"echo\",\"value\":2}", "X-Fathom-Deadline-Ms", in(5000));

    assertThat(squeezed.statusCode()).isEqualTo(504);
    assertThat(json(squeezed).at("/error/message").asText()).contains("no worker");
    assertThat(patient.statusCode()).isEqualTo(200);
    assertThat(first.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as("condition within 5 s").isTrue();
  }
}
