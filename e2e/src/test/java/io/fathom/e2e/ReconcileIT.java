package io.fathom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A control plane that stops and starts again on the same database and engine: the running
 * deployment adopts its instance (same container, still hot, no cold start), a call that was
 * running ends {@code failed}/{@code interrupted}, a stray instance labelled as this control
 * plane's is removed, and another control plane's instance on the same engine is left alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconcileIT {
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
  void afterARestart_theInstanceIsAdopted_runningCallsAreInterrupted_andStraysRemoved()
      throws Exception {
    var created =
        cli.run(
            "i",
            "function",
            "create",
            "reconciled",
            "-d",
            "restart",
            "-k",
            "python310",
            "--serving-size",
            "small",
            "--auto-create",
            "--output",
            "json");
    assertThat(created.status()).as(created.toString()).isZero();
    String id = created.json().get("id").asText();
    Path src = work.resolve("src");
    assertThat(cli.run("i", "function", "download", "--id", id, src.toString()).status()).isZero();
    Path handler = src.resolve("function/func.py");
    Files.writeString(
        handler,
        "import time\n"
            + Files.readString(handler)
                .replace(
                    "    name = data.get(\"name\") or \"World\"\n",
                    "    time.sleep(data.get(\"sleep\", 0))\n    name = data.get(\"name\") or \"World\"\n"));
    assertThat(cli.run("i", "function", "upload", id, src.toString()).status()).isZero();
    var build = cli.run("i", "function", "build", "create", id, "--auto-deploy", "--watch");
    assertThat(build.status()).as(build.toString()).isZero();
    String deployment = deploymentId(id);
    List<String> before = containers("io.fathom.deployment=" + deployment);
    assertThat(before).hasSize(1);

    var slow =
        cli.run("i", "function", "call", "create", id, "--data", "{\"sleep\": 60}", "--async");
    assertThat(slow.status()).as(slow.toString()).isZero();
    String slowId = slow.out().strip().substring("call created: ".length());
    awaitStatus(id, slowId, "running");
    String plane = Files.readString(server.home().resolve("plane-id")).strip();
    String stray = UUID.randomUUID().toString();
    startContainer(plane, stray);
    String foreign = UUID.randomUUID().toString();
    startContainer(UUID.randomUUID().toString(), foreign);

    server = server.restart();

    JsonNode interrupted = call(id, slowId);
    assertThat(interrupted.get("status").asText()).isEqualTo("failed");
    assertThat(interrupted.get("error").get("code").asText()).isEqualTo("interrupted");
    assertThat(containers("io.fathom.deployment=" + deployment)).isEqualTo(before);
    assertThat(containers("io.fathom.deployment=" + stray)).isEmpty();
    assertThat(containers("io.fathom.deployment=" + foreign))
        .as("another control plane's instance is left alone")
        .hasSize(1);
    run("docker", "rm", "-f", containers("io.fathom.deployment=" + foreign).get(0));
    var after = cli.run("i", "function", "call", "create", id, "--output", "json");
    assertThat(after.status()).as(after.toString()).isZero();
    assertThat(after.json().get("status").asText()).isEqualTo("succeeded");
    assertThat(after.json().get("coldStart").asBoolean()).isFalse();
    var list = cli.run("i", "function", "deployment", "list", id, "--output", "json");
    assertThat(list.json().get(0).get("state").asText()).isEqualTo("hot");
    assertThat(cli.run("i", "function", "deployment", "delete", id).status()).isZero();
  }

  /** A sleeping container labelled as a function instance of {@code plane}. */
  private static void startContainer(String plane, String deployment) throws Exception {
    run(
        "docker",
        "run",
        "-d",
        "--network",
        "host",
        "--label",
        "io.fathom.managed=true",
        "--label",
        "io.fathom.plane=" + plane,
        "--label",
        "io.fathom.workload=function",
        "--label",
        "io.fathom.deployment=" + deployment,
        "fathom/base-python310:latest",
        "sleep",
        "300");
  }

  private String deploymentId(String fn) {
    var list = cli.run("i", "function", "deployment", "list", fn, "--output", "json");
    assertThat(list.status()).as(list.toString()).isZero();
    return list.json().get(0).get("id").asText();
  }

  private JsonNode call(String fn, String callId) {
    var got = cli.run("i", "function", "call", "get", fn, callId, "--output", "json");
    assertThat(got.status()).as(got.toString()).isZero();
    return got.json();
  }

  private void awaitStatus(String fn, String callId, String status) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < until) {
      if (call(fn, callId).get("status").asText().equals(status)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("call " + callId + " never became " + status);
  }

  private static List<String> containers(String label) throws Exception {
    return run("docker", "ps", "-q", "--no-trunc", "--filter", "label=" + label)
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .toList();
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
    }
    return output;
  }
}
