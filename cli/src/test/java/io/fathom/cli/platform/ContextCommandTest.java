package io.fathom.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.cli.testing.CliRunner;
import io.fathom.cli.testing.CliRunner.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextCommandTest {
  @TempDir Path home;

  @Test
  void list_marksTheCurrentContext() {
    CliRunner cli =
        new CliRunner(home).loggedIn("qa", "http://qa:8080").loggedIn("default", "http://dev:8080");

    Result result = cli.run("context", "list");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            """
            CURRENT   NAME      URL               ORGANIZATION   PROJECT
            *         default   http://dev:8080   org-1          proj-1
                      qa        http://qa:8080    org-1          proj-1
            """);
  }

  @Test
  void list_asJson_neverShowsTokens() {
    CliRunner cli = new CliRunner(home).loggedIn("default", "http://dev:8080");

    Result result = cli.run("context", "list", "--output", "json");

    assertThat(result.out()).contains("\"name\" : \"default\"", "\"current\" : true");
    assertThat(result.out()).doesNotContain(CliRunner.TOKEN);
  }

  @Test
  void list_withNoContexts_saysToLogIn() {
    Result result = new CliRunner(home).run("context", "list");

    assertThat(result.out()).contains("fathom login <URL>");
  }

  @Test
  void select_persistsTheCurrentContext() {
    CliRunner cli =
        new CliRunner(home).loggedIn("qa", "http://qa:8080").loggedIn("default", "http://dev:8080");

    Result result = cli.run("context", "select", "qa");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Switched to context 'qa' (http://qa:8080)\n");
    assertThat(cli.config().current()).isEqualTo("qa");
  }

  @Test
  void select_unknownContext_listsTheKnownOnes() {
    CliRunner cli =
        new CliRunner(home).loggedIn("qa", "http://qa:8080").loggedIn("default", "http://dev:8080");

    Result result = cli.run("context", "select", "prod");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "Error: unknown context 'prod'; known contexts: default, qa (unknown-context)\n");
    assertThat(cli.config().current()).isEqualTo("default");
  }

  @Test
  void contextOption_unknown_failsBeforeAnyRequest() {
    CliRunner cli = new CliRunner(home).loggedIn("default", "http://127.0.0.1:1");

    Result result = cli.run("intelligence", "function", "list", "--context", "prod");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("unknown context 'prod'; known contexts: default");
  }
}
