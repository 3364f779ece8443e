package io.fathom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Document section 4.3 with the real CLI: {@code build create --watch} prints {@code build
 * created}, the live logs and {@code build finished}; {@code build list} shows the build. Needs the
 * Docker engine and the python310 base image (made here by the project's scripts).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuildWalkthroughIT {
  static final Path REPO =
      Path.of(System.getProperty("fathom.repo.root", "..")).toAbsolutePath().normalize();

  @TempDir static Path work;
  ControlPlaneServer server;
  Cli cli;

  @BeforeAll
  void start() throws Exception {
    run("scripts/docker.sh");
    run("scripts/images.sh", "python310");
    server = ControlPlaneServer.start();
    cli = new Cli(work.resolve("config"), server.home());
    assertThat(cli.run("login", server.url()).status()).isZero();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void buildCreateWatch_printsTheLogs_andBuildListShowsIt() {
    var created =
        cli.run(
            "i",
            "function",
            "create",
            "built",
            "-d",
            "Build walkthrough",
            "-k",
            "python310",
            "--serving-size",
            "small",
            "--auto-create",
            "--output",
            "json");
    assertThat(created.status()).as(created.toString()).isZero();
    String id = created.json().get("id").asText();

    var build = cli.run("i", "function", "build", "create", id, "--revision", "v1", "--watch");

    assertThat(build.status()).as(build.toString()).isZero();
    assertThat(build.out()).contains("build created: ").contains("build finished: ");
    assertThat(build.out()).contains("build succeeded");
    String buildId =
        build
            .out()
            .lines()
            .filter(l -> l.startsWith("build created: "))
            .findFirst()
            .orElseThrow()
            .substring("build created: ".length())
            .trim();

    var list = cli.run("i", "function", "build", "list", id);
    assertThat(list.status()).as(list.toString()).isZero();
    assertThat(list.out()).contains(buildId).contains("succeeded");

    var logs = cli.run("i", "function", "build", "logs", id, buildId);
    assertThat(logs.status()).as(logs.toString()).isZero();
    assertThat(logs.out()).contains("build succeeded");
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
    }
  }
}
