package io.fathom.runtime.host;

import static io.fathom.runtime.host.TestHost.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SIGTERM: ready turns draining, new calls get 503, in-flight calls finish, then exit 0. */
class DrainTest {
  private final ActionFunction function = new ActionFunction();
  private TestHost host;

  @AfterEach
  void stop() {
    host.close();
  }

  @Test
  void terminate_letsTheInFlightCallFinishRefusesNewOnesThenExits0() throws Exception {
    host = TestHost.start(function, Map.of());
    CompletableFuture<HttpResponse<String>> inFlight =
        CompletableFuture.supplyAsync(() -> host.invoke("{\"action\":\"sleep\",\"ms\":1000}"));
    function.started.await(5, TimeUnit.SECONDS);

    CompletableFuture<Void> terminated = CompletableFuture.runAsync(host.host::terminate);
    DeadlineTest.waitFor(() -> host.host.state() == HostState.DRAINING);
    HttpResponse<String> ready = host.get("/_/ready");
    HttpResponse<String> refused =
        host.invoke("{\"action\":\"echo\"}", "X-Fathom-Call-Id", "c-refused");

    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(json(ready).toString()).isEqualTo("{\"status\":\"draining\"}");
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(json(refused).at("/error/code").asText()).isEqualTo("draining");
    assertThat(refused.headers().firstValue("X-Fathom-Call-Id")).hasValue("c-refused");
    assertThat(host.exits).isEmpty();
    assertThat(host.get("/_/health").statusCode()).isEqualTo(200);

    HttpResponse<String> finished = inFlight.get(5, TimeUnit.SECONDS);
    assertThat(finished.statusCode()).isEqualTo(200);
    assertThat(json(finished).toString()).isEqualTo("{\"slept\":1000}");
    assertThat(host.exits.poll(5, TimeUnit.SECONDS)).isZero();
    terminated.get(1, TimeUnit.SECONDS);
  }

  @Test
  void terminate_exits0AfterFathomDrainSecondsEvenWithACallStillRunning() throws Exception {
    host = TestHost.start(function, Map.of("FATHOM_DRAIN_SECONDS", "1"));
    CompletableFuture.runAsync(() -> host.invoke("{\"action\":\"sleep\",\"ms\":20000}"));
    function.started.await(5, TimeUnit.SECONDS);
    long started = System.nanoTime();

    host.host.terminate();

    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(900L, 5000L);
    assertThat(host.exits.poll()).isZero();
    assertThat(host.logLines())
        .anySatisfy(
            line ->
                assertThat(line.get("message").asText())
                    .isEqualTo(
                        "1 call(s) still in flight after FATHOM_DRAIN_SECONDS=1; exiting anyway"));
  }

  @Test
  void terminate_withNothingInFlightExitsAtOnce() throws Exception {
    host = TestHost.start(function, Map.of());

    host.host.terminate();

    assertThat(host.exits.poll(1, TimeUnit.SECONDS)).isZero();
  }
}
