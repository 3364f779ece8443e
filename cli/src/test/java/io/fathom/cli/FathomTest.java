package io.fathom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.cli.testing.CliRunner;
import io.fathom.cli.testing.CliRunner.Result;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FathomTest {
  @TempDir Path home;

  @Test
  void version_printsTheProjectVersion() {
    Result result = new CliRunner(home).run("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("fathom ").doesNotContain("unknown");
  }

  @Test
  void help_listsTheCommands() {
    Result result = new CliRunner(home).run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("login", "context", "whoami", "project", "token", "intelligence", "completion")
        .contains("--context=NAME", "--output=FORMAT");
  }

  @Test
  void everyCommand_hasHelp() {
    CliRunner cli = new CliRunner(home);

    for (String[] command :
        new String[][] {
          {"login"},
          {"context", "list"},
          {"context", "select"},
          {"whoami"},
          {"project", "create"},
          {"project", "list"},
          {"token", "create"},
          {"token", "list"},
          {"token", "revoke"},
          {"i", "function", "create"},
          {"i", "function", "list"},
          {"i", "function", "get"},
          {"i", "function", "update"},
          {"i", "function", "delete"},
          {"i", "function", "upload"},
          {"i", "function", "download"},
          {"i", "function", "revisions"},
          {"completion"}
        }) {
      String[] args = Arrays.copyOf(command, command.length + 1);
      args[command.length] = "--help";
      Result result = cli.run(args);
      assertThat(result.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(result.out()).as(String.join(" ", args)).contains("Usage: fathom");
    }
  }

  @Test
  void groupWithoutSubcommand_isAUsageError() {
    Result result = new CliRunner(home).run("intelligence", "function");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Missing required subcommand");
  }

  @Test
  void unknownCommand_suggestsTheClosest() {
    Result result = new CliRunner(home).run("whoamii");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("(invalid-usage)").contains("whoami");
  }

  @Test
  void withoutContext_saysToLogIn() {
    Result result = new CliRunner(home).run("intelligence", "function", "list");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo("Error: no current context: run 'fathom login <URL>' first (not-logged-in)\n");
  }

  @Test
  void unreachableServer_printsTheUrlAndAHint() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    CliRunner cli = new CliRunner(home).loggedIn("default", url);

    Result result = cli.run("whoami");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("Error: cannot reach " + url + ": ")
        .contains("(unreachable)")
        .contains(
            "Hint: Is the control plane running? Start a local one with 'bin/fathom server'.");
  }

  @Test
  void completion_printsScriptsForBashAndZsh() {
    CliRunner cli = new CliRunner(home);

    Result bash = cli.run("completion", "bash");
    Result zsh = cli.run("completion", "zsh");

    assertThat(bash.exitCode()).isZero();
    assertThat(bash.out()).contains("complete -F").contains("intelligence");
    assertThat(zsh.exitCode()).isZero();
    assertThat(zsh.out()).contains("bashcompinit");
  }

  @Test
  void completion_unknownShell_listsTheKnownOnes() {
    Result result = new CliRunner(home).run("completion", "fish");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("bash, zsh").contains("fish");
  }

  @Test
  void outputOption_rejectsUnknownFormats() {
    Result result = new CliRunner(home).run("context", "list", "--output", "yaml");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("TABLE, JSON");
  }
}
