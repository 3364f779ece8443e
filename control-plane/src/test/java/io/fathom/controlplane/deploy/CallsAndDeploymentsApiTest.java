package io.fathom.controlplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.controlplane.build.FakeImageBuilder;
import io.fathom.controlplane.build.ImageBuilder;
import io.fathom.controlplane.support.ApiTestBase;
import io.fathom.controlplane.support.DeployFixture;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deployments, calls and schedules API without running anything: every bad request answers with
 * its code before any instance starts, another project sees 404, and auto-deploy creates a
 * deployment for a succeeded build (which fails here: the fake builder's image does not exist).
 */
@MicronautTest(transactional = false)
class CallsAndDeploymentsApiTest extends ApiTestBase {
  private static final String URI = DeployFixture.URI;
  private final FakeImageBuilder fake = new FakeImageBuilder();
  private final DeployFixture fx = new DeployFixture(this::call);

  @MockBean(ImageBuilder.class)
  ImageBuilder imageBuilder() {
    return fake;
  }

  @Test
  void aCallOfAFunctionWithoutADeployment_isAConflict() {
    Tenant t = newTenant();
    String fn = fx.function(t, Map.of());

    Reply reply = fx.invoke(t, fn, Map.of("action", "echo"), Map.of());

    assertThat(reply.status()).as("%s", reply).isEqualTo(409);
    assertThat(reply.errorCode()).isEqualTo("not-deployed");
  }

  @Test
  void anInputThatViolatesTheSchema_isRejectedAndRecorded_evenWithoutADeployment() {
    Tenant t = newTenant();
    String fn = fx.function(t, Map.of());

    Reply reply = fx.invoke(t, fn, Map.of("wrong", 1), Map.of());

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.errorCode()).isEqualTo("input-schema-violation");
    assertThat(reply.errorMessage()).contains("action");
    JsonNode calls = call(t.auth(HttpRequest.GET(URI + "/" + fn + "/calls"))).json();
    assertThat(calls.get("data").get(0).get("status").asText()).isEqualTo("rejected");
    assertThat(calls.get("data").get(0).get("error").get("code").asText())
        .isEqualTo("input-schema-violation");
  }

  @Test
  void bodiesThatAreNotJson_tooLarge_orWithABadModeOrTimeout_getTheirCodes() {
    Tenant t = newTenant();
    String fn = fx.function(t, Map.of());
    String calls = URI + "/" + fn + "/calls";

    Reply notJson =
        call(t.auth(HttpRequest.POST(calls, "{not json").contentType(MediaType.APPLICATION_JSON)));
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.errorCode()).isEqualTo("invalid-json");

    byte[] big = new byte[6 * 1024 * 1024 + 16];
    Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    big[big.length - 1] = '}';
    Reply tooBig =
        call(t.auth(HttpRequest.POST(calls, big).contentType(MediaType.APPLICATION_JSON)));
    assertThat(tooBig.status()).isEqualTo(413);
    assertThat(tooBig.errorCode()).isEqualTo("payload-too-large");
    assertThat(tooBig.errorMessage()).contains("6291456");

    byte[] asyncBig = new byte[300 * 1024];
    Arrays.fill(asyncBig, (byte) ' ');
    asyncBig[0] = '{';
    asyncBig[asyncBig.length - 1] = '}';
    Reply asyncTooBig =
        call(
            t.auth(
                HttpRequest.POST(calls + "?mode=async", asyncBig)
                    .contentType(MediaType.APPLICATION_JSON)));
    assertThat(asyncTooBig.status()).isEqualTo(413);

    Reply mode = fx.invoke(t, fn, Map.of("action", "echo"), Map.of(), "later");
    assertThat(mode.status()).isEqualTo(400);
    assertThat(mode.errorCode()).isEqualTo("invalid-mode");

    Reply timeout =
        fx.invoke(t, fn, Map.of("action", "echo"), Map.of("X-Fathom-Timeout-Seconds", "soon"));
    assertThat(timeout.errorCode()).isEqualTo("invalid-timeout");

    Reply status = call(t.auth(HttpRequest.GET(calls + "?status=finished")));
    assertThat(status.status()).isEqualTo(400);
    assertThat(status.errorMessage()).contains("succeeded");
    assertThat(call(t.auth(HttpRequest.GET(calls))).json().get("data")).isEmpty();
  }

  @Test
  void anotherProject_seesNoneOfTheFunctionsCallsDeploymentsLogsOrSchedules() {
    Tenant owner = newTenant();
    Tenant other = newTenant();
    String fn = fx.function(owner, Map.of());
    fx.invoke(owner, fn, Map.of("wrong", 1), Map.of());
    String callId =
        call(owner.auth(HttpRequest.GET(URI + "/" + fn + "/calls")))
            .json()
            .get("data")
            .get(0)
            .get("id")
            .asText();

    for (String path :
        List.of("/calls", "/calls/" + callId, "/deployments", "/schedules", "/logs")) {
      Reply reply = call(other.auth(HttpRequest.GET(URI + "/" + fn + path)));
      assertThat(reply.status()).as(path).isEqualTo(404);
    }
    assertThat(fx.invoke(other, fn, Map.of("action", "echo"), Map.of()).status()).isEqualTo(404);
    assertThat(call(other.auth(HttpRequest.DELETE(URI + "/" + fn + "/deployment"))).status())
        .isEqualTo(404);
  }

  @Test
  void deployingNeedsASucceededBuildOfTheFunction_andUndeployingNeedsADeployment() {
    Tenant t = newTenant();
    String fn = fx.function(t, Map.of());

    Reply missing =
        call(t.auth(HttpRequest.POST(URI + "/" + fn + "/deployments", Map.of("x", "y"))));
    assertThat(missing.errorCode()).isEqualTo("missing-build-id");
    Reply unknown = fx.deploy(t, fn, "00000000-0000-0000-0000-000000000000");
    assertThat(unknown.status()).isEqualTo(404);
    Reply none = call(t.auth(HttpRequest.DELETE(URI + "/" + fn + "/deployment")));
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.errorCode()).isEqualTo("not-deployed");
  }

  @Test
  void anAutoDeployBuild_deploysItselfOnceItSucceeded() throws Exception {
    Tenant t = newTenant();
    String fn = fx.function(t, Map.of());

    Reply created =
        call(t.auth(HttpRequest.POST(URI + "/" + fn + "/builds", Map.of("autoDeploy", true))));
    String buildId = created.data().get("id").asText();

    JsonNode build =
        fx.await(
            t,
            URI + "/" + fn + "/builds/" + buildId,
            b -> !b.get("deploymentId").isNull(),
            Duration.ofSeconds(20));
    JsonNode deployment =
        fx.awaitDeployment(t, fn, build.get("deploymentId").asText(), "running|failed");
    assertThat(deployment.get("buildId").asText()).isEqualTo(buildId);
    assertThat(deployment.get("revision").asText()).isEqualTo("v1");
    // The fake builder's image is not in the engine: the rollout fails and says so.
    assertThat(deployment.get("status").asText()).isEqualTo("failed");
    assertThat(deployment.get("error").get("code").asText()).isEqualTo("image-missing");
  }

  @Test
  void minInstancesIsZeroOrOne() {
    Tenant t = newTenant();
    Reply bad =
        call(
            t.auth(
                HttpRequest.POST(
                    URI,
                    Map.of(
                        "name",
                        "warm-" + System.nanoTime(),
                        "description",
                        "d",
                        "kind",
                        "python310",
                        "serving",
                        Map.of("size", "small", "minInstances", 3)))));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.errorCode()).isEqualTo("invalid-min-instances");
    String fn = fx.function(t, Map.of("serving", Map.of("size", "small", "minInstances", 1)));
    JsonNode got = call(t.auth(HttpRequest.GET(URI + "/" + fn))).data();
    assertThat(got.get("serving").get("minInstances").asInt()).isEqualTo(1);
  }

  @Test
  void schedules_areValidated_listed_andDeleted() {
    Tenant t = newTenant();
    String fn = fx.function(t, Map.of());
    String schedules = URI + "/" + fn + "/schedules";

    Reply created =
        call(
            t.auth(
                HttpRequest.POST(
                    schedules,
                    Map.of(
                        "cron", "*/5 * * * *",
                        "timezone", "Europe/Paris",
                        "input", Map.of("action", "echo")))));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    JsonNode s = created.data();
    assertThat(s.get("timezone").asText()).isEqualTo("Europe/Paris");
    Instant next = Instant.parse(s.get("nextFireAt").asText());
    assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plusSeconds(301));
    assertThat(s.get("input").get("action").asText()).isEqualTo("echo");

    Reply badCron =
        call(
            t.auth(HttpRequest.POST(schedules, Map.of("cron", "every minute", "input", Map.of()))));
    assertThat(badCron.status()).isEqualTo(400);
    assertThat(badCron.errorCode()).isEqualTo("invalid-cron");
    Reply badZone =
        call(
            t.auth(
                HttpRequest.POST(
                    schedules, Map.of("cron", "* * * * *", "timezone", "Mars/Olympus"))));
    assertThat(badZone.errorCode()).isEqualTo("invalid-timezone");
    Reply badInput =
        call(
            t.auth(
                HttpRequest.POST(schedules, Map.of("cron", "* * * * *", "input", Map.of("x", 1)))));
    assertThat(badInput.status()).isEqualTo(422);

    JsonNode list = call(t.auth(HttpRequest.GET(schedules))).json();
    assertThat(list.get("data")).hasSize(1);
    String id = s.get("id").asText();
    assertThat(call(t.auth(HttpRequest.DELETE(schedules + "/" + id))).status()).isEqualTo(204);
    assertThat(call(t.auth(HttpRequest.DELETE(schedules + "/" + id))).status()).isEqualTo(404);
  }
}
