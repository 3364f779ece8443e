package io.fathom.cli.platform;

import static io.fathom.cli.testing.Fixtures.page;
import static io.fathom.cli.testing.Fixtures.whoami;
import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.cli.config.Context;
import io.fathom.cli.testing.CliRunner;
import io.fathom.cli.testing.CliRunner.Result;
import io.fathom.cli.testing.FakeApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginCommandTest {
  private static final String WHOAMI = "/api/platform/v1/whoami";
  private static final String PROJECTS = "/api/platform/v1/projects";
  private static final String PROJECT_LIST =
      page(
          """
          {"id":"p-other","organizationId":"org-1","name":"other","createdAt":"2025-01-01T00:00:00Z"},
          {"id":"p-default","organizationId":"org-1","name":"default","createdAt":"2025-01-01T00:00:00Z"}
          """,
          1,
          1,
          2);

  @TempDir Path home;
  private FakeApi api;
  private CliRunner cli;

  @BeforeEach
  void start() {
    api = FakeApi.start();
    api.on("GET", WHOAMI, 200, whoami(null, null)).on("GET", PROJECTS, 200, PROJECT_LIST);
    cli = new CliRunner(home);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void login_withToken_verifiesIt_savesTheDefaultContext_andMakesItCurrent() {
    Result result = cli.run("login", api.url(), "--token", "tok-1");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "Logged in to "
                + api.url()
                + " as admin (organization 'default', project 'default') - context: default\n");
    assertThat(api.only("GET", WHOAMI).header("Authorization")).isEqualTo("Bearer tok-1");
    assertThat(api.only("GET", PROJECTS).header("x-organizationid")).isEqualTo("org-1");
    assertThat(cli.config().current()).isEqualTo("default");
    assertThat(cli.config().contexts().get("default"))
        .isEqualTo(new Context(api.url(), "tok-1", "org-1", null, null, "p-default"));
    assertThat(result.out() + result.err()).doesNotContain("tok-1");
  }

  @Test
  void login_withProjectScopedToken_usesTheTokensProject() {
    api.on("GET", WHOAMI, 200, whoami("p-scoped", "scoped"));

    Result result = cli.run("login", api.url(), "--token", "tok-1");

    assertThat(result.out()).contains("project 'scoped'");
    assertThat(cli.config().contexts().get("default").intelligenceProjectId())
        .isEqualTo("p-scoped");
    assertThat(api.requests()).extracting(FakeApi.Request::path).containsExactly(WHOAMI);
  }

  @Test
  void login_withoutADefaultProject_usesTheFirstOne() {
    api.on(
        "GET",
        PROJECTS,
        200,
        page("{\"id\":\"p-1\",\"name\":\"first\"},{\"id\":\"p-2\",\"name\":\"second\"}", 1, 1, 2));

    cli.run("login", api.url(), "--token", "tok-1");

    assertThat(cli.config().contexts().get("default").intelligenceProjectId()).isEqualTo("p-1");
  }

  @Test
  void login_keepsTheGivenIds() {
    Result result =
        cli.run(
            "login",
            api.url(),
            "--token",
            "tok-1",
            "--organization-id",
            "org-1",
            "--data-project-id",
            "d-1",
            "--application-project-id",
            "a-1",
            "--intelligence-project-id",
            "p-other");

    assertThat(result.out()).contains("project 'other'");
    assertThat(api.only("GET", WHOAMI).header("x-organizationid")).isEqualTo("org-1");
    assertThat(cli.config().contexts().get("default"))
        .isEqualTo(new Context(api.url(), "tok-1", "org-1", "d-1", "a-1", "p-other"));
  }

  @Test
  void login_withContextOption_addsAContext_andKeepsTheCurrentOne() {
    cli.run("login", api.url(), "--token", "tok-1");

    Result result = cli.run("--context", "qa", "login", api.url(), "--token", "tok-2");

    assertThat(result.out()).endsWith("- context: qa\n");
    assertThat(cli.config().current()).isEqualTo("default");
    assertThat(cli.config().contexts().get("qa").token()).isEqualTo("tok-2");
  }

  @Test
  void login_readsFathomTokenFromTheEnvironment() {
    cli.env("FATHOM_TOKEN", "env-token").run("login", api.url());

    assertThat(api.only("GET", WHOAMI).header("Authorization")).isEqualTo("Bearer env-token");
  }

  @Test
  void login_toLoopback_readsTheBootstrapToken() throws Exception {
    Files.createDirectories(cli.fathomHome());
    Files.writeString(cli.fathomHome().resolve("bootstrap-token"), "boot-token\n");

    Result result = cli.run("login", api.url());

    assertThat(result.exitCode()).isZero();
    assertThat(api.only("GET", WHOAMI).header("Authorization")).isEqualTo("Bearer boot-token");
  }

  @Test
  void login_promptsWhenNothingElseGivesAToken() {
    cli.prompt(prompt -> Optional.of("typed-token")).run("login", api.url());

    assertThat(api.only("GET", WHOAMI).header("Authorization")).isEqualTo("Bearer typed-token");
  }

  @Test
  void login_withoutAnyToken_failsClearly() {
    Result result = cli.run("login", api.url());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("Error: no token for " + api.url() + ": pass --token, set FATHOM_TOKEN")
        .contains("(missing-token)");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void login_withARejectedToken_printsTheApiError_andSavesNothing() {
    api.on(
        "GET",
        WHOAMI,
        401,
        "{\"error\":{\"code\":\"invalid-token\",\"message\":\"token is not valid\"}}");

    Result result = cli.run("login", api.url(), "--token", "bad");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("Error: token is not valid (invalid-token)\n");
    assertThat(cli.configFile()).doesNotExist();
  }

  @Test
  void login_withABadUrl_isAUsageError() {
    Result result = cli.run("login", "ftp://nope", "--token", "t");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("not an http or https URL");
  }
}
