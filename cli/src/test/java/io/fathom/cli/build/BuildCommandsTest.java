package io.fathom.cli.build;

import static io.fathom.cli.testing.Fixtures.BUILD_ID;
import static io.fathom.cli.testing.Fixtures.DEPLOYMENT_ID;
import static io.fathom.cli.testing.Fixtures.FUNCTION_ID;
import static io.fathom.cli.testing.Fixtures.data;
import static io.fathom.cli.testing.Fixtures.deployment;
import static io.fathom.cli.testing.Fixtures.error;
import static io.fathom.cli.testing.Fixtures.page;
import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.cli.runtime.Polling;
import io.fathom.cli.testing.CliRunner;
import io.fathom.cli.testing.CliRunner.Result;
import io.fathom.cli.testing.FakeApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCommandsTest {

  private static final String BUILDS =
      "/api/intelligence/functions/v1/functions/" + FUNCTION_ID + "/builds";
  private static final String ONE = BUILDS + "/" + BUILD_ID;
  private static final String LOG =
      """
      {"ts":"2026-01-02T03:04:05.123Z","stream":"stdout","line":"step containerize started"}
      {"ts":"2026-01-02T03:04:06Z","stream":"stdout","line":"build succeeded"}
      """;

  @TempDir Path home;
  private FakeApi api;
  private CliRunner cli;

  @BeforeEach
  void start() {
    api = FakeApi.start();
    cli = new CliRunner(home).loggedIn("default", api.url());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  static String build(String status, String error) {
    return """
    {"id":"%s","functionId":"%s","revision":"v1","status":"%s","autoDeploy":true,
     "image":%s,"layers":[],"durations":{},"error":%s,
     "createdAt":"2026-01-02T03:04:05.123456Z","startedAt":null,"finishedAt":null}
    """
        .formatted(
            BUILD_ID,
            FUNCTION_ID,
            status,
            status.equals("succeeded")
                ? "{\"reference\":\"fathom/fn:v1\",\"digest\":\"sha256:" + "ab".repeat(32) + "\"}"
                : "null",
            error);
  }

  /** A succeeded auto-deploy build naming the deployment it created ({@code null}: not yet). */
  static String deployedBuild(String deploymentId) {
    return build("succeeded", "null")
        .replace(
            "\"autoDeploy\":true,",
            "\"autoDeploy\":true,\"deploymentId\":"
                + (deploymentId == null ? "null" : "\"" + deploymentId + "\"")
                + ",");
  }

  private void ndjson(String path, String body) {
    api.onBytes(
        "GET",
        path,
        200,
        body.getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "application/x-ndjson"));
  }

  @Test
  void create_postsTheRevisionAndAutoDeploy_andPrintsTheId() {
    api.on("POST", BUILDS, 202, data(build("queued", "null")));

    Result result =
        cli.run(
            "i", "function", "build", "create", FUNCTION_ID, "--revision", "v1", "--auto-deploy");

    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("build created: " + BUILD_ID + "\n");
    FakeApi.Request request = api.only("POST", BUILDS);
    assertThat(request.json().get("revision").asText()).isEqualTo("v1");
    assertThat(request.json().get("autoDeploy").asBoolean()).isTrue();
    assertThat(request.header("x-projectid")).isEqualTo(CliRunner.PROJECT);
  }

  @Test
  void create_withoutRevision_sendsNone() {
    api.on("POST", BUILDS, 202, data(build("queued", "null")));

    cli.run("intelligence", "function", "build", "create", FUNCTION_ID);

    assertThat(api.only("POST", BUILDS).json().has("revision")).isFalse();
    assertThat(api.only("POST", BUILDS).json().has("autoDeploy")).isFalse();
  }

  @Test
  void create_watch_followsTheLogs_withTimestamps_andEndsWithFinished() {
    api.on("POST", BUILDS, 202, data(build("queued", "null")));
    ndjson(ONE + "/logs", LOG);
    api.on("GET", ONE, 200, data(build("succeeded", "null")));

    Result result = cli.run("i", "function", "build", "create", FUNCTION_ID, "--watch", "--time");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "build created: "
                + BUILD_ID
                + "\n2026-01-02T03:04:05.123Z step containerize started\n"
                + "2026-01-02T03:04:06Z build succeeded\n"
                + "build finished: "
                + BUILD_ID
                + "\n");
    assertThat(api.only("GET", ONE + "/logs").query()).isEqualTo("follow=true");
  }

  @Test
  void create_watch_failedBuild_exitsOneWithTheBuildsError() {
    api.on("POST", BUILDS, 202, data(build("queued", "null")));
    ndjson(
        ONE + "/logs",
        "{\"ts\":\"t\",\"stream\":\"stderr\",\"line\":\"error: no pyproject.toml\"}\n");
    api.on(
        "GET",
        ONE,
        200,
        data(
            build(
                "failed",
                "{\"code\":\"missing-pyproject\",\"message\":\"Add a pyproject.toml\"}")));

    Result result = cli.run("i", "function", "build", "create", FUNCTION_ID, "--watch");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .contains("error: no pyproject.toml\n")
        .endsWith("build finished: " + BUILD_ID + "\n");
    assertThat(result.err()).isEqualTo("Error: Add a pyproject.toml (missing-pyproject)\n");
  }

  @Test
  void create_autoDeployWatch_waitsForTheDeploymentTheBuildCreated() {
    String functionPath = "/api/intelligence/functions/v1/functions/" + FUNCTION_ID;
    api.on("POST", BUILDS, 202, data(build("queued", "null")));
    ndjson(ONE + "/logs", LOG);
    api.onEach("GET", ONE, 200, data(deployedBuild(null)), data(deployedBuild(DEPLOYMENT_ID)));
    api.onEach(
        "GET",
        functionPath + "/deployments",
        200,
        page(deployment(DEPLOYMENT_ID, "pending", null, "null"), 1, 1, 1),
        page(deployment(DEPLOYMENT_ID, "running", "hot", "null"), 1, 1, 1));

    Result result =
        cli.env(Polling.INTERVAL_VARIABLE, "1")
            .run("i", "function", "build", "create", FUNCTION_ID, "-a", "--watch");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .endsWith(
            "build finished: "
                + BUILD_ID
                + "\ndeployment created: "
                + DEPLOYMENT_ID
                + "\ndeployment running: "
                + DEPLOYMENT_ID
                + "\n");
    assertThat(api.all("GET", ONE)).hasSize(2);
    assertThat(api.all("GET", functionPath + "/deployments")).hasSize(2);
  }

  @Test
  void create_autoDeployWatch_failedDeployment_exitsOneWithItsError() {
    String functionPath = "/api/intelligence/functions/v1/functions/" + FUNCTION_ID;
    api.on("POST", BUILDS, 202, data(build("queued", "null")));
    ndjson(ONE + "/logs", LOG);
    api.on("GET", ONE, 200, data(deployedBuild(DEPLOYMENT_ID)));
    api.on(
        "GET",
        functionPath + "/deployments",
        200,
        page(
            deployment(
                DEPLOYMENT_ID,
                "failed",
                null,
                "{\"code\":\"crash-loop\",\"message\":\"the instance exited with 1\"}"),
            1,
            1,
            1));

    Result result =
        cli.env(Polling.INTERVAL_VARIABLE, "1")
            .run("i", "function", "build", "create", FUNCTION_ID, "-a", "--watch");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).endsWith("deployment created: " + DEPLOYMENT_ID + "\n");
    assertThat(result.err()).isEqualTo("Error: the instance exited with 1 (crash-loop)\n");
  }

  @Test
  void create_autoDeployWatch_noDeploymentAppears_givesUpWithAHint() {
    api.on("POST", BUILDS, 202, data(build("queued", "null")));
    ndjson(ONE + "/logs", LOG);
    api.on("GET", ONE, 200, data(deployedBuild(null)));

    Result result =
        cli.env(Polling.INTERVAL_VARIABLE, "0")
            .run("i", "function", "build", "create", FUNCTION_ID, "-a", "--watch");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("Error: build " + BUILD_ID + " succeeded but no deployment was created")
        .contains("(deployment-missing)")
        .contains("Hint: see 'fathom i function deployment list " + FUNCTION_ID);
    assertThat(api.all("GET", ONE)).hasSize(11);
  }

  @Test
  void create_watchWithoutAutoDeploy_doesNotLookForADeployment() {
    api.on("POST", BUILDS, 202, data(build("queued", "null")));
    ndjson(ONE + "/logs", LOG);
    api.on("GET", ONE, 200, data(build("succeeded", "null")));

    Result result = cli.run("i", "function", "build", "create", FUNCTION_ID, "--watch");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).endsWith("build finished: " + BUILD_ID + "\n");
    assertThat(api.requests()).hasSize(3);
  }

  @Test
  void create_apiError_isReported() {
    api.on("POST", BUILDS, 409, error("no-revision", "Function has no source yet"));

    Result result = cli.run("i", "function", "build", "create", FUNCTION_ID);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("Function has no source yet (no-revision)");
  }

  @Test
  void list_projectWide_orOfOneFunction() {
    api.on(
        "GET",
        "/api/intelligence/functions/v1/builds",
        200,
        page(build("succeeded", "null"), 1, 1, 1));
    api.on("GET", BUILDS, 200, page("", 1, 0, 0));

    Result all = cli.run("i", "function", "build", "list");
    Result one = cli.run("i", "function", "build", "list", FUNCTION_ID);

    assertThat(all.out())
        .contains("ID", "STATUS", "DIGEST", BUILD_ID, "succeeded", "sha256:abababababab")
        .contains("2026-01-02T03:04:05Z");
    assertThat(one.out()).isEqualTo("No builds found.\n");
  }

  @Test
  void logs_printsTheLines_andWatchFollows() {
    ndjson(ONE + "/logs", LOG);

    Result plain = cli.run("i", "function", "build", "logs", FUNCTION_ID, BUILD_ID);
    Result watched = cli.run("i", "function", "build", "logs", FUNCTION_ID, BUILD_ID, "--watch");

    assertThat(plain.out()).isEqualTo("step containerize started\nbuild succeeded\n");
    assertThat(watched.exitCode()).isZero();
    assertThat(api.requests().get(0).query()).isNull();
    assertThat(api.requests().get(1).query()).isEqualTo("follow=true");
    assertThat(api.requests().get(0).header("Authorization"))
        .isEqualTo("Bearer " + CliRunner.TOKEN);
  }

  @Test
  void logs_unknownBuild_isTheApisError() {
    Result result = cli.run("i", "function", "build", "logs", FUNCTION_ID, BUILD_ID);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("Error: no fake for GET").contains("(not-found)");
  }

  @Test
  void cancel_postsAndConfirms() {
    api.on("POST", ONE + "/cancel", 200, data(build("cancelled", "null")));

    Result result = cli.run("i", "function", "build", "cancel", FUNCTION_ID, BUILD_ID);

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("build cancelled: " + BUILD_ID + "\n");
  }
}
