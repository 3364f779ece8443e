package io.fathom.controlplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.controlplane.support.ApiTestBase;
import io.fathom.controlplane.support.DeployFixture;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deployments and calls on the real Docker engine, with the python310 fixture built for real:
 * rollout and calls, timeouts that stop the work, input rejected before anything starts, idempotent
 * retries under concurrency, scale to zero and cold starts, a killed instance, a failed rollout
 * that leaves the old deployment serving, secrets kept out of logs and responses, sizes and GPUs
 * the host cannot give. Idle instances stop after 3 s here.
 */
@MicronautTest(transactional = false)
class DeploymentsIT extends ApiTestBase {
  private static final String SECRET = "s3cr3t-value-4242";

  @jakarta.inject.Inject io.fathom.controlplane.schedule.ScheduleService schedules;
  @jakarta.inject.Inject io.fathom.controlplane.schedule.ScheduleStore scheduleStore;

  private DeployFixture fx;
  private Tenant t;
  private String fn;
  private String buildId;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(super.getProperties());
    props.put("fathom.instances.idle-timeout", "3s");
    props.put("fathom.instances.stop-grace", "2s");
    props.put("fathom.instances.max-cpus", "2");
    props.put("fathom.calls.async-concurrency", "1");
    return props;
  }

  @BeforeAll
  void buildTheFixture() throws Exception {
    DeployFixture.engineAndImages();
    fx = new DeployFixture(this::call);
    t = newTenant();
    fn =
        fx.function(
            t,
            Map.of(
                "servingSecrets", Map.of("API_KEY", SECRET),
                "serving", Map.of("size", "small", "timeoutSeconds", 30)));
    buildId = fx.build(t, fn);
    JsonNode running = fx.deployRunning(t, fn, buildId);
    assertThat(running.get("status").asText()).as("%s", running).isEqualTo("running");
  }

  @AfterAll
  void undeploy() {
    call(t.auth(HttpRequest.DELETE(DeployFixture.URI + "/" + fn + "/deployment")));
  }

  @Test
  void aSyncCall_returnsTheOutput_andIsRecordedWithItsTimings() {
    Reply reply = fx.invoke(t, fn, Map.of("action", "echo", "value", 42), Map.of());

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    JsonNode call = reply.data();
    assertThat(call.get("status").asText()).isEqualTo("succeeded");
    assertThat(call.get("output").get("value").asInt()).isEqualTo(42);
    assertThat(call.get("durationMs").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(call.get("timings").get("executionMs").isNumber()).isTrue();
    Reply list =
        call(t.auth(HttpRequest.GET(DeployFixture.URI + "/" + fn + "/calls?status=succeeded")));
    assertThat(list.json().get("data").findValuesAsText("id")).contains(call.get("id").asText());
  }

  @Test
  void theInputIsCheckedAgainstTheSchema_beforeAnythingRuns() {
    Reply reply = fx.invoke(t, fn, Map.of("no-action", true), Map.of());

    assertThat(reply.status()).as("%s", reply).isEqualTo(422);
    assertThat(reply.errorCode()).isEqualTo("input-schema-violation");
    Reply rejected =
        call(t.auth(HttpRequest.GET(DeployFixture.URI + "/" + fn + "/calls?status=rejected")));
    assertThat(rejected.json().get("data")).isNotEmpty();
    assertThat(rejected.json().get("data").get(0).get("deploymentId").isNull()).isTrue();
  }

  @Test
  void aBadOutput_failsTheCall_withOutputSchemaViolation() {
    Reply reply = fx.invoke(t, fn, Map.of("action", "bad-output"), Map.of());

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.data().get("status").asText()).isEqualTo("failed");
    assertThat(reply.data().get("error").get("code").asText()).isEqualTo("output-schema-violation");
  }

  @Test
  void aCallPastItsDeadline_endsTimedOut_withinTheBound_andItsWorkIsStopped() throws Exception {
    long start = System.nanoTime();
    Reply reply =
        fx.invoke(
            t, fn, Map.of("action", "sleep", "ms", 6000), Map.of("X-Fathom-Timeout-Seconds", "1"));
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.data().get("status").asText()).isEqualTo("timed-out");
    assertThat(tookMs).isLessThan(1000 + 2000);
    String callId = reply.data().get("id").asText();
    Thread.sleep(6500);
    assertThat(logLines(callId)).noneMatch(l -> l.contains("woke after"));
    Reply next = fx.invoke(t, fn, Map.of("action", "echo", "value", 1), Map.of());
    assertThat(next.data().get("status").asText()).isEqualTo("succeeded");
  }

  @Test
  void aLongerTimeoutThanTheFunctions_isRefused() {
    Reply reply =
        fx.invoke(t, fn, Map.of("action", "echo"), Map.of("X-Fathom-Timeout-Seconds", "3601"));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("invalid-timeout");
  }

  @Test
  void retriesWithOneIdempotencyKey_runTheFunctionOnce_evenConcurrently() throws Exception {
    String key = "retry-" + System.nanoTime();
    Map<String, Object> input = Map.of("action", "sleep", "ms", 700);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Reply>> replies = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        Callable<Reply> retry = () -> fx.invoke(t, fn, input, Map.of("Idempotency-Key", key));
        replies.add(pool.submit(retry));
      }
      Set<String> ids = new HashSet<>();
      for (Future<Reply> f : replies) {
        Reply r = f.get();
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.data().get("status").asText()).isEqualTo("succeeded");
        ids.add(r.data().get("id").asText());
      }
      assertThat(ids).hasSize(1);
      assertThat(logLines(ids.iterator().next()))
          .filteredOn(l -> l.contains("woke after 700 ms"))
          .hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    Reply other =
        fx.invoke(t, fn, Map.of("action", "sleep", "ms", 1), Map.of("Idempotency-Key", key));
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.errorCode()).isEqualTo("idempotency-key-reused");
  }

  @Test
  void anIdleInstance_scalesToZero_andTheNextCallIsAColdStart() throws Exception {
    fx.invoke(t, fn, Map.of("action", "echo"), Map.of());
    JsonNode cold = awaitState("cold");
    assertThat(instances(cold.get("id").asText())).isEmpty();

    Reply reply = fx.invoke(t, fn, Map.of("action", "echo", "value", 7), Map.of());

    assertThat(reply.data().get("status").asText()).as("%s", reply).isEqualTo("succeeded");
    assertThat(reply.data().get("coldStart").asBoolean()).isTrue();
    assertThat(reply.data().get("timings").get("startMs").asLong()).isPositive();
    assertThat(runningDeployment().get("state").asText()).isEqualTo("hot");
  }

  @Test
  void aKilledInstance_failsTheCallsItHeld_andIsReplaced() throws Exception {
    fx.invoke(t, fn, Map.of("action", "echo"), Map.of());
    String deployment = runningDeployment().get("id").asText();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Reply> held =
          pool.submit(() -> fx.invoke(t, fn, Map.of("action", "sleep", "ms", 5000), Map.of()));
      Thread.sleep(700);
      for (String id : instances(deployment)) {
        DeployFixture.run("docker", "kill", id);
      }

      Reply reply = held.get();
      assertThat(reply.data().get("status").asText()).as("%s", reply).isEqualTo("failed");
      assertThat(reply.data().get("error").get("code").asText()).isEqualTo("instance-crashed");
    } finally {
      pool.shutdownNow();
    }
    Reply next = fx.invoke(t, fn, Map.of("action", "echo", "value", 2), Map.of());
    assertThat(next.data().get("status").asText()).as("%s", next).isEqualTo("succeeded");
    assertThat(next.data().get("coldStart").asBoolean()).isTrue();
  }

  @Test
  void aRolloutThatNeverGetsReady_failsWithItsStartUpLog_andTheOldDeploymentKeepsServing()
      throws Exception {
    Tenant own = newTenant();
    String f = fx.function(own, Map.of());
    String b = fx.build(own, f);
    JsonNode good = fx.deployRunning(own, f, b);
    assertThat(good.get("status").asText()).isEqualTo("running");
    Reply patched =
        call(
            own.auth(
                HttpRequest.PATCH(
                    DeployFixture.URI + "/" + f,
                    Map.of("servingEnv", Map.of("FIXTURE_FAIL_AT_START", "1")))));
    assertThat(patched.status()).as("%s", patched).isEqualTo(200);

    JsonNode bad = fx.deployRunning(own, f, b);

    assertThat(bad.get("status").asText()).isEqualTo("failed");
    assertThat(bad.get("error").get("code").asText()).isEqualTo("instance-crashed");
    assertThat(bad.get("error").get("message").asText()).contains("fixture told to fail at start");
    JsonNode list =
        call(own.auth(HttpRequest.GET(DeployFixture.URI + "/" + f + "/deployments"))).json();
    assertThat(list.get("data").findValuesAsText("status")).containsExactly("failed", "running");
    Reply served = fx.invoke(own, f, Map.of("action", "echo", "value", 3), Map.of());
    assertThat(served.data().get("status").asText()).isEqualTo("succeeded");
    call(own.auth(HttpRequest.DELETE(DeployFixture.URI + "/" + f + "/deployment")));
  }

  @Test
  void secrets_reachTheFunction_butNeverLogsOrResponses() throws Exception {
    Reply env = fx.invoke(t, fn, Map.of("action", "env", "name", "API_KEY"), Map.of());
    assertThat(env.data().get("status").asText()).isEqualTo("succeeded");
    String callId = env.data().get("id").asText();
    Reply printed =
        fx.invoke(t, fn, Map.of("action", "print", "message", "key=" + SECRET), Map.of());
    String printedId = printed.data().get("id").asText();

    assertThat(env.data().get("output").get("value").asText())
        .as("the function itself gets its secret")
        .isEqualTo(SECRET);
    List<String> lines = logLines(printedId);
    assertThat(lines).anyMatch(l -> l.contains("key=********"));
    assertThat(String.join("\n", lines)).doesNotContain(SECRET);
    assertThat(lines)
        .as("the runtime's access record is off: the call's own record says it")
        .noneMatch(l -> l.contains("POST /invoke"));
    for (String uri :
        List.of(
            DeployFixture.URI + "/" + fn,
            DeployFixture.URI + "/" + fn + "/deployments",
            DeployFixture.URI + "/" + fn + "/calls/" + printedId)) {
      assertThat(call(t.auth(HttpRequest.GET(uri))).response().body()).doesNotContain(SECRET);
    }
    assertThat(callId).isNotBlank();
  }

  @Test
  void aSizeTheHostCannotGive_isRefused_namingTheSizeAndTheHost() throws Exception {
    Tenant own = newTenant();
    String f = fx.function(own, Map.of("serving", Map.of("size", "extra-large")));
    String b = fx.build(own, f);

    Reply refused = fx.deploy(own, f, b);

    assertThat(refused.status()).as("%s", refused).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("size-unavailable");
    assertThat(refused.errorMessage()).contains("extra-large").contains("this host has 2 CPU");
  }

  @Test
  void aGpuOnAnEngineWithoutOne_failsTheDeployment_withGpuUnavailable() throws Exception {
    Tenant own = newTenant();
    String f = fx.function(own, Map.of("serving", Map.of("size", "small", "gpu", "nvidia-l4")));
    String b = fx.build(own, f);

    JsonNode d = fx.deployRunning(own, f, b);

    assertThat(d.get("status").asText()).isEqualTo("failed");
    assertThat(d.get("error").get("code").asText()).isEqualTo("gpu-unavailable");
    assertThat(d.get("error").get("message").asText()).contains("nvidia-l4");
  }

  @Test
  void asyncCalls_queue_andRun_andAQueuedCallOfAnUndeployedFunctionFails() throws Exception {
    Tenant own = newTenant();
    String f = fx.function(own, Map.of());
    String b = fx.build(own, f);
    fx.deployRunning(own, f, b);

    Reply first = fx.invoke(own, f, Map.of("action", "sleep", "ms", 1500), Map.of(), "async");
    Reply second = fx.invoke(own, f, Map.of("action", "echo", "value", 9), Map.of(), "async");
    assertThat(first.status()).as("%s", first).isEqualTo(202);
    assertThat(first.data().get("status").asText()).isEqualTo("queued");
    String firstId = first.data().get("id").asText();
    String secondId = second.data().get("id").asText();
    fx.await(
        own,
        DeployFixture.URI + "/" + f + "/calls/" + firstId,
        c -> c.get("status").asText().equals("running"),
        Duration.ofSeconds(10));
    call(own.auth(HttpRequest.DELETE(DeployFixture.URI + "/" + f + "/deployment")));

    JsonNode failed =
        fx.await(
            own,
            DeployFixture.URI + "/" + f + "/calls/" + secondId,
            c -> !c.get("status").asText().matches("queued|running"),
            Duration.ofSeconds(20));
    assertThat(failed.get("status").asText()).isEqualTo("failed");
    assertThat(failed.get("error").get("code").asText()).isEqualTo("not-deployed");
  }

  @Test
  void rollback_deploysAnOlderBuild_withoutRebuilding() throws Exception {
    Tenant own = newTenant();
    String f = fx.function(own, Map.of());
    String v1 = fx.build(own, f);
    fx.deployRunning(own, f, v1);
    fx.upload(own, f, "v2");
    String v2 = fx.build(own, f);
    fx.deployRunning(own, f, v2);
    assertThat(version(own, f)).isEqualTo("v2");

    JsonNode back = fx.deployRunning(own, f, v1);

    assertThat(back.get("status").asText()).isEqualTo("running");
    assertThat(version(own, f)).isEqualTo("v1");
    JsonNode history =
        call(own.auth(HttpRequest.GET(DeployFixture.URI + "/" + f + "/deployments"))).json();
    assertThat(history.get("data").findValuesAsText("status"))
        .containsExactly("running", "superseded", "superseded");
    call(own.auth(HttpRequest.DELETE(DeployFixture.URI + "/" + f + "/deployment")));
  }

  @Test
  void aFunctionWithAMinimumOfOne_staysWarm_pastTheIdleTime() throws Exception {
    Tenant own = newTenant();
    String f = fx.function(own, Map.of("serving", Map.of("size", "small", "minInstances", 1)));
    String b = fx.build(own, f);
    JsonNode d = fx.deployRunning(own, f, b);
    assertThat(d.get("minInstances").asInt()).isEqualTo(1);

    Thread.sleep(6000);

    assertThat(instances(d.get("id").asText())).hasSize(1);
    Reply reply = fx.invoke(own, f, Map.of("action", "echo"), Map.of());
    assertThat(reply.data().get("coldStart").asBoolean()).isFalse();
    call(own.auth(HttpRequest.DELETE(DeployFixture.URI + "/" + f + "/deployment")));
  }

  @Test
  void aScheduleFiring_isAnOrdinaryCall_andFiringTwiceCallsOnce() throws Exception {
    Reply created =
        call(
            t.auth(
                HttpRequest.POST(
                    DeployFixture.URI + "/" + fn + "/schedules",
                    Map.of("cron", "* * * * *", "input", Map.of("action", "echo", "value", 5)))));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String scheduleId = created.data().get("id").asText();
    var schedule =
        scheduleStore.due(java.time.Instant.now().plusSeconds(120), 1000).stream()
            .filter(s -> s.id().toString().equals(scheduleId))
            .findFirst()
            .orElseThrow();

    schedules.fire(schedule, java.time.Instant.now());
    schedules.fire(schedule, java.time.Instant.now());

    JsonNode calls =
        call(t.auth(HttpRequest.GET(DeployFixture.URI + "/" + fn + "/calls?page_size=100"))).json();
    List<JsonNode> fired = new ArrayList<>();
    calls
        .get("data")
        .forEach(
            c -> {
              if (scheduleId.equals(c.get("scheduleId").asText())) {
                fired.add(c);
              }
            });
    assertThat(fired).hasSize(1);
    assertThat(fired.get(0).get("idempotencyKey").asText())
        .isEqualTo("schedule:" + scheduleId + ":" + schedule.nextFireAt().getEpochSecond());
    JsonNode done =
        fx.await(
            t,
            DeployFixture.URI + "/" + fn + "/calls/" + fired.get(0).get("id").asText(),
            c -> c.get("status").asText().equals("succeeded"),
            Duration.ofSeconds(20));
    assertThat(done.get("output").get("value").asInt()).isEqualTo(5);
    call(t.auth(HttpRequest.DELETE(DeployFixture.URI + "/" + fn + "/schedules/" + scheduleId)));
  }

  private String version(Tenant own, String f) {
    Reply r = fx.invoke(own, f, Map.of("action", "echo"), Map.of());
    assertThat(r.data().get("status").asText()).as("%s", r).isEqualTo("succeeded");
    return r.data().get("output").get("version").asText();
  }

  private JsonNode runningDeployment() {
    JsonNode list =
        call(t.auth(HttpRequest.GET(DeployFixture.URI + "/" + fn + "/deployments"))).json();
    for (JsonNode d : list.get("data")) {
      if (d.get("status").asText().equals("running")) {
        return d;
      }
    }
    throw new AssertionError("no running deployment: " + list);
  }

  private JsonNode awaitState(String state) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    JsonNode d = runningDeployment();
    while (System.nanoTime() < until && !state.equals(d.get("state").asText())) {
      Thread.sleep(200);
      d = runningDeployment();
    }
    assertThat(d.get("state").asText()).as("%s", d).isEqualTo(state);
    return d;
  }

  private static List<String> instances(String deploymentId) {
    String out =
        DeployFixture.run(
            "docker", "ps", "-q", "--filter", "label=io.fathom.deployment=" + deploymentId);
    return out.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
  }

  private List<String> logLines(String callId) throws InterruptedException {
    Thread.sleep(500);
    String body =
        exchange(t.auth(HttpRequest.GET(DeployFixture.URI + "/" + fn + "/logs?call_id=" + callId)))
            .body();
    List<String> lines = new ArrayList<>();
    if (body != null) {
      for (String l : body.split("\n")) {
        if (!l.isBlank()) {
          try {
            lines.add(JSON.readTree(l).get("line").asText());
          } catch (Exception e) {
            throw new AssertionError(l, e);
          }
        }
      }
    }
    return lines;
  }
}
