package io.fathom.controlplane.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class BuildApiTest extends BuildTestSupport {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final FakeImageBuilder fake = new FakeImageBuilder();

  @MockBean(ImageBuilder.class)
  ImageBuilder imageBuilder() {
    return fake;
  }

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(super.getProperties());
    props.put("fathom.builds.concurrency", "1");
    return props;
  }

  @Test
  void create_buildsTheLatestRevision_thenTheSameConfigurationIsACacheHit() throws Exception {
    Tenant t = newTenant();
    String fn = newFunction(t, "python310", Map.of());

    Reply created = createBuild(t, fn, Map.of("autoDeploy", true));

    assertThat(created.status()).as("%s", created).isEqualTo(202);
    assertThat(created.data().get("revision").asText()).isEqualTo("v1");
    assertThat(created.data().get("autoDeploy").asBoolean()).isTrue();
    assertThat(created.data().get("functionId").asText()).isEqualTo(fn);
    String id = created.data().get("id").asText();
    JsonNode build = await(t, fn, id, "succeeded", WAIT);
    String digest = build.get("image").get("digest").asText();
    assertThat(digest).startsWith("sha256:");
    assertThat(build.get("image").get("reference").asText()).isEqualTo("fathom/fn-" + fn + ":v1");
    assertThat(build.get("layers").get(0).get("name").asText()).isEqualTo("source");
    assertThat(build.get("durations").has("total")).isTrue();
    assertThat(build.get("error").isNull()).isTrue();
    assertThat(build.get("startedAt").isNull()).isFalse();
    assertThat(build.get("finishedAt").isNull()).isFalse();
    assertThat(text(logs(t, fn, id, false)))
        .contains("step containerize started", "build succeeded")
        .anyMatch(l -> l.startsWith("building v1 (python310, sha256:"));
    assertThat(fake.cacheScopes)
        .as("the project id scopes the writable build caches")
        .last()
        .isEqualTo(t.project().id().toString());
    int calls = fake.calls.get();

    Reply again = createBuild(t, fn, Map.of("revision", "v1"));
    JsonNode hit = await(t, fn, again.data().get("id").asText(), "succeeded", WAIT);

    assertThat(hit.get("image").get("digest").asText()).isEqualTo(digest);
    assertThat(fake.calls.get()).isEqualTo(calls);
    assertThat(text(logs(t, fn, hit.get("id").asText(), false)))
        .anyMatch(l -> l.startsWith("cache hit: build " + id));
  }

  @Test
  void create_refusesUnknownAndMalformedRevisions_andFunctionsWithoutSource() {
    Tenant t = newTenant();
    String fn = newFunction(t, "python310", Map.of());

    assertThat(createBuild(t, fn, Map.of("revision", "v9")).errorCode())
        .isEqualTo("revision-not-found");
    assertThat(createBuild(t, fn, Map.of("revision", "latest")).errorCode())
        .isEqualTo("invalid-revision");
    Map<String, Object> bare = new HashMap<>();
    bare.put("name", "bare-" + System.nanoTime());
    bare.put("description", "no source");
    bare.put("kind", "python310");
    bare.put("serving", Map.of("size", "small"));
    String empty = call(t.auth(HttpRequest.POST(URI, bare))).data().get("id").asText();
    Reply none = createBuild(t, empty, Map.of());
    assertThat(none.status()).isEqualTo(409);
    assertThat(none.errorCode()).isEqualTo("no-revision");
  }

  @Test
  void go124_failsCleanlyWithTheBuildersCode() throws Exception {
    Tenant t = newTenant();
    String fn = newFunction(t, "go124", Map.of());

    String id = createBuild(t, fn, Map.of()).data().get("id").asText();
    JsonNode build = await(t, fn, id, "failed", WAIT);

    assertThat(build.get("error").get("code").asText()).isEqualTo("unsupported-kind");
    assertThat(build.get("error").get("message").asText()).contains("\"go124\"");
    assertThat(build.get("image").isNull()).isTrue();
    assertThat(text(logs(t, fn, id, false)))
        .anyMatch(l -> l.startsWith("error: ") && l.endsWith("(unsupported-kind)"))
        .contains("build failed");
  }

  @Test
  void buildSecrets_reachTheBuilder_butNeverTheLog() throws Exception {
    Tenant t = newTenant();
    String fn = newFunction(t, "python310", Map.of("TOKEN", "s3cr3t-planted"));

    String id = createBuild(t, fn, Map.of()).data().get("id").asText();
    await(t, fn, id, "succeeded", WAIT);

    List<String> lines = text(logs(t, fn, id, false));
    assertThat(lines).contains("env TOKEN=********", "env MODE=********");
    assertThat(String.join("\n", lines)).doesNotContain("s3cr3t-planted");
  }

  @Test
  void cancel_queuedAtOnce_runningByInterrupt_finishedIsAConflict() throws Exception {
    Tenant t = newTenant();
    String fn = newFunction(t, "python310", Map.of());
    fake.gate = new CountDownLatch(1);
    fake.started = new CountDownLatch(1);
    try {
      String running = createBuild(t, fn, Map.of()).data().get("id").asText();
      assertThat(fake.started.await(20, TimeUnit.SECONDS)).isTrue();
      // concurrency is 1: the second build waits in the queue
      String queued = createBuild(t, fn, Map.of()).data().get("id").asText();
      assertThat(getBuild(t, fn, queued).get("status").asText()).isEqualTo("queued");
      CompletableFuture<List<JsonNode>> followed =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return logs(t, fn, running, true);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });

      Reply cancelQueued = call(t.auth(HttpRequest.POST(cancelUri(fn, queued), "")));
      assertThat(cancelQueued.status()).as("%s", cancelQueued).isEqualTo(200);
      assertThat(cancelQueued.data().get("status").asText()).isEqualTo("cancelled");

      Reply cancelRunning = call(t.auth(HttpRequest.POST(cancelUri(fn, running), "")));
      assertThat(cancelRunning.data().get("status").asText()).isEqualTo("cancelled");
      assertThat(text(followed.get(20, TimeUnit.SECONDS))).contains("build cancelled");
      assertThat(fake.interrupted.get()).isEqualTo(1);

      Reply again = call(t.auth(HttpRequest.POST(cancelUri(fn, running), "")));
      assertThat(again.status()).isEqualTo(409);
      assertThat(again.errorCode()).isEqualTo("build-already-finished");
      assertThat(text(logs(t, fn, queued, false)))
          .containsExactly("cancelled before it started", "build cancelled");
    } finally {
      fake.gate.countDown();
      fake.gate = null;
    }
  }

  @Test
  void list_projectWideAndPerFunction_andOtherProjectsSeeNothing() throws Exception {
    Tenant t = newTenant();
    String a = newFunction(t, "python310", Map.of());
    String b = newFunction(t, "python310", Map.of());
    String first = createBuild(t, a, Map.of()).data().get("id").asText();
    createBuild(t, b, Map.of());
    await(t, a, first, null, WAIT);

    Reply all = call(t.auth(HttpRequest.GET(FUNCTIONS + "/builds")));
    assertThat(all.json().get("pagination").get("totalElements").asInt()).isEqualTo(2);
    Reply onlyA = call(t.auth(HttpRequest.GET(FUNCTIONS + "/builds?function_id=" + a)));
    assertThat(onlyA.data()).hasSize(1);
    assertThat(onlyA.data().get(0).get("id").asText()).isEqualTo(first);
    Reply perFunction = call(t.auth(HttpRequest.GET(URI + "/" + b + "/builds?page_size=1")));
    assertThat(perFunction.data()).hasSize(1);
    assertThat(call(t.auth(HttpRequest.GET(FUNCTIONS + "/builds?function_id=nope"))).errorCode())
        .isEqualTo("invalid-function-id");

    Tenant other = newTenant();
    assertThat(call(other.auth(HttpRequest.GET(FUNCTIONS + "/builds"))).data()).isEmpty();
    assertThat(call(other.auth(HttpRequest.GET(URI + "/" + a + "/builds/" + first))).status())
        .isEqualTo(404);
    assertThat(createBuild(other, a, Map.of()).errorCode()).isEqualTo("function-not-found");
    assertThat(call(t.auth(HttpRequest.GET(URI + "/" + b + "/builds/" + first))).errorCode())
        .isEqualTo("build-not-found");
  }

  private static String cancelUri(String fn, String build) {
    return URI + "/" + fn + "/builds/" + build + "/cancel";
  }
}
