package io.fathom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Document section 4 as a user follows it, with the real CLI against a started control plane and
 * the real Docker engine: create with {@code --auto-create}, build with {@code --auto-deploy
 * --watch}, call with {@code --data -}, edit the handler, upload, build and deploy again, read the
 * call list and the logs, roll back by deploying the first build. Then create, build, deploy and
 * call for the compiled kinds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployWalkthroughIT {
  static final Path REPO =
      Path.of(System.getProperty("fathom.repo.root", "..")).toAbsolutePath().normalize();

  /** The jvm21 Maven file mirror, shared with the builder and conformance ITs. */
  static final Path MAVEN_MIRROR =
      Path.of(System.getProperty("java.io.tmpdir"), "fathom-it-maven-mirror");

  @TempDir static Path work;
  ControlPlaneServer server;
  Cli cli;

  @BeforeAll
  void start() throws Exception {
    run("scripts/docker.sh");
    run(
        "scripts/images.sh",
        "python310",
        "go124-builder",
        "rust-builder",
        "jvm21",
        "jvm21-builder");
    run("scripts/maven-mirror.sh", MAVEN_MIRROR.toString());
    server =
        ControlPlaneServer.start(Map.of("fathom.builds.maven-mirror", MAVEN_MIRROR.toString()));
    cli = new Cli(work.resolve("config"), server.home());
    assertThat(cli.run("login", server.url()).status()).isZero();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void python310_createBuildDeployCall_editAndRedeploy_logs_andRollback() throws Exception {
    String id = create("walkthrough-py", "python310");
    String first = buildAndDeploy(id, "v1");
    Cli.Result hello = cli.runWithInput("{}", "i", "function", "call", "create", "--data", "-", id);
    assertThat(hello.status()).as(hello.toString()).isZero();
    assertThat(hello.out()).contains("\"greeting\"").contains("Hello, World!");

    Path src = work.resolve("py-src");
    var download = cli.run("i", "function", "download", "--id", id, src.toString());
    assertThat(download.status()).as(download.toString()).isZero();
    Path handler = src.resolve("function/func.py");
    String code = Files.readString(handler);
    assertThat(code).contains("f\"Hello, {name}!\"");
    Files.writeString(
        handler,
        code.replace("f\"Hello, {name}!\"", "f\"Howdy, {name}!\"")
            .replace(
                "    name = data.get(\"name\") or \"World\"\n",
                "    name = data.get(\"name\") or \"World\"\n    print(\"handler says howdy to\", name)\n"));
    var upload = cli.run("i", "function", "upload", id, src.toString());
    assertThat(upload.status()).as(upload.toString()).isZero();
    assertThat(upload.out()).contains("revision: v2");
    buildAndDeploy(id, "v2");

    Cli.Result howdy = cli.runWithInput("{}", "i", "function", "call", "create", "--data", "-", id);
    assertThat(howdy.status()).as(howdy.toString()).isZero();
    assertThat(howdy.out()).contains("Howdy, World!");

    Cli.Result calls = cli.run("i", "function", "call", "list", id);
    assertThat(calls.status()).as(calls.toString()).isZero();
    assertThat(calls.out()).contains("succeeded").contains("DURATION_MS");
    Cli.Result json = cli.run("i", "function", "call", "list", id, "--output", "json");
    assertThat(json.json().get(0).get("durationMs").isNumber()).as(json.out()).isTrue();

    Thread.sleep(1000);
    Cli.Result logs = cli.run("i", "function", "logs", id);
    assertThat(logs.status()).as(logs.toString()).isZero();
    assertThat(logs.out()).contains("handler says howdy to World");

    Cli.Result rollback = cli.run("i", "function", "deploy", id, first, "--watch");
    assertThat(rollback.status()).as(rollback.toString()).isZero();
    assertThat(rollback.out()).contains("deployment running: ");
    Cli.Result old = cli.runWithInput("{}", "i", "function", "call", "create", "--data", "-", id);
    assertThat(old.out()).as(old.toString()).contains("Hello, World!");

    Cli.Result deployments = cli.run("i", "function", "deployment", "list", id);
    assertThat(deployments.out()).contains("running").contains("superseded");
    assertThat(cli.run("i", "function", "deployment", "delete", id).status()).isZero();
  }

  @Test
  void go124_createBuildDeployCall() throws Exception {
    compiledKind("walkthrough-go", "go124");
  }

  @Test
  void rust189_createBuildDeployCall() throws Exception {
    compiledKind("walkthrough-rust", "rust189");
  }

  @Test
  void jvm21_createBuildDeployCall() throws Exception {
    compiledKind("walkthrough-jvm", "jvm21");
  }

  private void compiledKind(String name, String kind) {
    String id = create(name, kind);
    buildAndDeploy(id, "v1");
    Cli.Result call =
        cli.run("i", "function", "call", "create", id, "--data", "{\"name\":\"Ada\"}");
    assertThat(call.status()).as(call.toString()).isZero();
    assertThat(call.out()).contains("Hello, Ada!");
    assertThat(cli.run("i", "function", "deployment", "delete", id).status()).isZero();
  }

  private String create(String name, String kind) {
    var created =
        cli.run(
            "i",
            "function",
            "create",
            name,
            "-d",
            "Deploy walkthrough",
            "-k",
            kind,
            "--serving-size",
            "small",
            "--auto-create",
            "--output",
            "json");
    assertThat(created.status()).as(created.toString()).isZero();
    return created.json().get("id").asText();
  }

  /** {@code build create --auto-deploy --watch}; returns the build id. */
  private String buildAndDeploy(String id, String revision) {
    var build =
        cli.run(
            "i",
            "function",
            "build",
            "create",
            id,
            "--revision",
            revision,
            "--auto-deploy",
            "--watch");
    assertThat(build.status()).as(build.toString()).isZero();
    assertThat(build.out()).contains("build finished: ").contains("deployment running: ");
    return build
        .out()
        .lines()
        .filter(l -> l.startsWith("build created: "))
        .findFirst()
        .orElseThrow()
        .substring("build created: ".length())
        .trim();
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
    }
  }
}
