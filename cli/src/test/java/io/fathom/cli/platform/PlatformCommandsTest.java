package io.fathom.cli.platform;

import static io.fathom.cli.testing.Fixtures.data;
import static io.fathom.cli.testing.Fixtures.page;
import static io.fathom.cli.testing.Fixtures.whoami;
import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.cli.testing.CliRunner;
import io.fathom.cli.testing.CliRunner.Result;
import io.fathom.cli.testing.FakeApi;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformCommandsTest {
  private static final String BASE = "/api/platform/v1";
  private static final String TOKEN =
      """
      {"id":"t-9","name":"ci","userId":"u-1","projectId":"proj-1","createdAt":"2025-01-01T00:00:00Z",
       "expiresAt":null,"revokedAt":null,"lastUsedAt":null%s}
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

  @Test
  void whoami_showsUserOrganizationProjectScopeAndContext() {
    api.on("GET", BASE + "/whoami", 200, whoami(null, null));

    Result result = cli.run("whoami");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("User:          admin (admin)")
        .contains("Organization:  default (org-1)")
        .contains("Project:       proj-1")
        .contains("Token:         bootstrap, scope: organization")
        .contains("Context:       default (" + api.url() + ")");
    FakeApi.Request request = api.only("GET", BASE + "/whoami");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + CliRunner.TOKEN);
    assertThat(request.header("x-organizationid")).isEqualTo("org-1");
    assertThat(request.header("x-projectid")).isEqualTo("proj-1");
    assertThat(request.header("Accept")).isEqualTo("application/json");
  }

  @Test
  void whoami_asJson_printsTheApiData() {
    api.on("GET", BASE + "/whoami", 200, whoami("proj-1", "default"));

    Result result = cli.run("--output", "json", "whoami");

    assertThat(result.out())
        .startsWith("{\n  \"userId\" : \"u-1\",")
        .contains("\"projectName\" : \"default\"");
  }

  @Test
  void projectCreate_postsNameAndDescription() {
    api.on(
        "POST",
        BASE + "/projects",
        201,
        data(
            "{\"id\":\"p-2\",\"name\":\"ml\",\"description\":\"models\",\"createdAt\":\"2025-01-01T00:00:00Z\"}"));

    Result result = cli.run("project", "create", "ml", "-d", "models");

    assertThat(result.exitCode()).isZero();
    assertThat(api.only("POST", BASE + "/projects").json().toString())
        .isEqualTo("{\"name\":\"ml\",\"description\":\"models\"}");
    assertThat(result.out()).contains("p-2   ml     models").contains("2025-01-01T00:00:00Z");
  }

  @Test
  void projectList_sendsPaging_andSaysWhenThereAreMorePages() {
    api.on("GET", BASE + "/projects", 200, page("{\"id\":\"p-1\",\"name\":\"default\"}", 2, 3, 41));

    Result result = cli.run("project", "list", "--page", "2", "--page-size", "20");

    assertThat(api.only("GET", BASE + "/projects").query()).isEqualTo("page_number=2&page_size=20");
    assertThat(result.out())
        .contains("p-1  ", "default")
        .contains("Page 2 of 3 (41 projects); see --page and --page-size");
  }

  @Test
  void projectList_rejectsPageZero() {
    Result result = cli.run("project", "list", "--page", "0");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--page must be 1 or more");
  }

  @Test
  void tokenCreate_printsTheSecretOnce_withANote() {
    api.on("POST", BASE + "/tokens", 201, data(TOKEN.formatted(",\"token\":\"ftm_secret\"")));

    Result result =
        cli.run("token", "create", "ci", "--project-id", "proj-1", "--expires-in-seconds", "3600");

    assertThat(result.exitCode()).isZero();
    assertThat(api.only("POST", BASE + "/tokens").json().toString())
        .isEqualTo("{\"name\":\"ci\",\"projectId\":\"proj-1\",\"expiresInSeconds\":3600}");
    assertThat(result.out())
        .contains("Created token 'ci' (id: t-9; scope: project proj-1; expires: never)")
        .contains("Token: ftm_secret")
        .contains("cannot be shown again");
  }

  @Test
  void tokenList_showsTokensWithoutSecrets() {
    api.on("GET", BASE + "/tokens", 200, page(TOKEN.formatted(""), 1, 1, 1));

    Result result = cli.run("token", "list");

    assertThat(result.out())
        .startsWith("ID    NAME   PROJECT   CREATED                EXPIRES   LAST USED   REVOKED\n")
        .contains("t-9   ci     proj-1");
  }

  @Test
  void tokenRevoke_deletesTheToken() {
    api.on("DELETE", BASE + "/tokens/t-9", 204, null);

    Result result = cli.run("token", "revoke", "t-9");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Token t-9 revoked.\n");
    assertThat(api.requests()).hasSize(1);
  }
}
