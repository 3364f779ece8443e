package io.fathom.cli.deployment;

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
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentCommandsTest {
  private static final String FUNCTION = "/api/intelligence/functions/v1/functions/" + FUNCTION_ID;
  private static final String DEPLOYMENTS = FUNCTION + "/deployments";

  @TempDir Path home;
  private FakeApi api;
  private CliRunner cli;

  @BeforeEach
  void start() {
    api = FakeApi.start();
    cli = new CliRunner(home).loggedIn("default", api.url()).env(Polling.INTERVAL_VARIABLE, "1");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private static String pending() {
    return deployment(DEPLOYMENT_ID, "pending", null, "null");
  }

  @Test
  void deploy_postsTheBuildId_andPrintsTheNewDeployment() {
    api.on("POST", DEPLOYMENTS, 202, data(pending()));

    Result result = cli.run("i", "function", "deploy", FUNCTION_ID, BUILD_ID);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("deployment created: " + DEPLOYMENT_ID + "\n");
    FakeApi.Request request = api.only("POST", DEPLOYMENTS);
    assertThat(request.json().get("buildId").asText()).isEqualTo(BUILD_ID);
    assertThat(request.json().size()).isEqualTo(1);
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + CliRunner.TOKEN);
    assertThat(request.header("x-projectid")).isEqualTo(CliRunner.PROJECT);
  }

  @Test
  void deploy_watch_pollsUntilRunning() {
    api.on("POST", DEPLOYMENTS, 202, data(pending()));
    String older = deployment("0ld", "running", "hot", "null");
    api.onEach(
        "GET",
        DEPLOYMENTS,
        200,
        page(pending() + "," + older, 1, 1, 2),
        page(pending() + "," + older, 1, 1, 2),
        page(deployment(DEPLOYMENT_ID, "running", "cold", "null") + "," + older, 1, 1, 2));

    Result result = cli.run("i", "function", "deploy", FUNCTION_ID, BUILD_ID, "--watch");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "deployment created: "
                + DEPLOYMENT_ID
                + "\ndeployment running: "
                + DEPLOYMENT_ID
                + "\n");
    assertThat(api.all("GET", DEPLOYMENTS)).hasSize(3);
  }

  @Test
  void deploy_watch_failedDeployment_printsItsError_andExitsOne() {
    api.on("POST", DEPLOYMENTS, 202, data(pending()));
    api.onEach(
        "GET",
        DEPLOYMENTS,
        200,
        page(pending(), 1, 1, 1),
        page(
            deployment(
                DEPLOYMENT_ID,
                "failed",
                null,
                "{\"code\":\"readiness-timeout\",\"message\":\"the instance was not ready in 60 s\"}"),
            1,
            1,
            1));

    Result result = cli.run("i", "function", "deploy", FUNCTION_ID, BUILD_ID, "--watch");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEqualTo("deployment created: " + DEPLOYMENT_ID + "\n");
    assertThat(result.err())
        .isEqualTo("Error: the instance was not ready in 60 s (readiness-timeout)\n");
  }

  @Test
  void deploy_watch_supersededBeforeRunning_isAnError() {
    api.on("POST", DEPLOYMENTS, 202, data(pending()));
    api.on(
        "GET",
        DEPLOYMENTS,
        200,
        page(deployment(DEPLOYMENT_ID, "superseded", null, "null"), 1, 1, 1));

    Result result = cli.run("i", "function", "deploy", FUNCTION_ID, BUILD_ID, "--watch");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "Error: deployment "
                + DEPLOYMENT_ID
                + " was superseded before it ran (deployment-superseded)\n");
  }

  @Test
  void deploy_watch_json_printsTheRunningDeploymentOnly() {
    api.on("POST", DEPLOYMENTS, 202, data(pending()));
    api.on(
        "GET",
        DEPLOYMENTS,
        200,
        page(deployment(DEPLOYMENT_ID, "running", "hot", "null"), 1, 1, 1));

    Result result =
        cli.run("-o", "json", "i", "function", "deploy", FUNCTION_ID, BUILD_ID, "--watch");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .startsWith("{")
        .contains("\"status\" : \"running\"")
        .contains("\"image\" : \"fathom/fn-")
        .doesNotContain("deployment created");
  }

  @Test
  void deploy_notASucceededBuild_isTheApisError() {
    api.on("POST", DEPLOYMENTS, 409, error("build-not-succeeded", "build is still running"));

    Result result = cli.run("i", "function", "deploy", FUNCTION_ID, BUILD_ID);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("Error: build is still running (build-not-succeeded)\n");
  }

  @Test
  void list_printsTheDocumentedColumns() {
    api.on(
        "GET",
        DEPLOYMENTS,
        200,
        page(
            deployment(DEPLOYMENT_ID, "running", "hot", "null")
                + ","
                + deployment(
                    "0ld",
                    "failed",
                    null,
                    "{\"code\":\"image-missing\",\"message\":\"no such image\"}"),
            1,
            1,
            2));

    Result result = cli.run("i", "function", "deployment", "list", FUNCTION_ID, "--page-size", "5");

    assertThat(result.exitCode()).as(result.err()).isZero();
    String[] lines = result.out().split("\n");
    assertThat(lines[0].split(" +"))
        .containsExactly("ID", "CREATED_AT", "BUILD_ID", "REVISION", "STATUS", "STATE", "ERROR");
    assertThat(lines[1].split(" +"))
        .containsExactly(
            DEPLOYMENT_ID, "2026-01-02T03:04:05Z", BUILD_ID, "v3", "running", "hot", "-");
    assertThat(lines[2]).contains("failed", "no such image (image-missing)");
    assertThat(api.only("GET", DEPLOYMENTS).query()).isEqualTo("page_size=5");
  }

  @Test
  void list_empty_saysSo() {
    api.on("GET", DEPLOYMENTS, 200, page("", 1, 0, 0));

    assertThat(cli.run("i", "function", "deployment", "list", FUNCTION_ID).out())
        .isEqualTo("No deployments found.\n");
  }

  @Test
  void delete_undeploys_andPrintsTheStoppedDeployment() {
    api.on(
        "DELETE",
        FUNCTION + "/deployment",
        200,
        data(deployment(DEPLOYMENT_ID, "stopped", null, "null")));

    Result result = cli.run("i", "function", "deployment", "delete", FUNCTION_ID);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("deployment stopped: " + DEPLOYMENT_ID + "\n");
    assertThat(api.requests()).hasSize(1);
  }

  @Test
  void delete_notDeployed_exitsOne() {
    api.on(
        "DELETE",
        FUNCTION + "/deployment",
        404,
        error("not-deployed", "function has no running deployment"));

    Result result = cli.run("i", "function", "deployment", "delete", FUNCTION_ID);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo("Error: function has no running deployment (not-deployed)\n");
  }

  @Test
  void deploy_watch_badPollIntervalSetting_namesTheSetting() {
    api.on("POST", DEPLOYMENTS, 202, data(pending()));

    Result result =
        cli.env(Polling.INTERVAL_VARIABLE, "soon")
            .run("i", "function", "deploy", FUNCTION_ID, BUILD_ID, "--watch");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "Error: FATHOM_POLL_INTERVAL_MS must be a number of milliseconds (0 or more), but was"
                + " 'soon' (invalid-configuration)\n");
  }
}
