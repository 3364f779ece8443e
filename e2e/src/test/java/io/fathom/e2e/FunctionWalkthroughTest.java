package io.fathom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user documentation's sections 2 to 4.2, typed into the real CLI against a real server: login
 * with the bootstrap token, create, list, update, upload, download, a second project and context,
 * and tenancy between them. The steps build on each other, so they run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FunctionWalkthroughTest {
  static final String MANIFEST = "specVersion: \"1\"\nname: test1\nkind: python310\n";

  @TempDir static Path work;
  ControlPlaneServer server;
  Cli cli;
  String functionId;
  String secondProjectId;

  @BeforeAll
  void start() {
    server = ControlPlaneServer.start();
    cli = new Cli(work.resolve("config"), server.home());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  @Order(1)
  void login_withTheBootstrapToken_withoutTypingIt() {
    var login = cli.run("login", server.url());
    assertThat(login.status()).as(login.toString()).isZero();
    assertThat(login.out()).contains("Logged in to " + server.url());

    var whoami = cli.run("whoami", "--output", "json");
    assertThat(whoami.status()).as(whoami.toString()).isZero();
    assertThat(whoami.json().toString()).contains("admin");
  }

  @Test
  @Order(2)
  void create_thenList_showsTheFunction() {
    var created =
        cli.run(
            "intelligence",
            "function",
            "create",
            "test1",
            "--description",
            "Just testing",
            "--kind",
            "python310",
            "--serving-size",
            "small",
            "--serving-env",
            "MODE=fast",
            "--serving-secret",
            "API_KEY=very-secret-value",
            "--schema-input",
            "{\"type\":\"object\"}",
            "--output",
            "json");
    assertThat(created.status()).as(created.toString()).isZero();
    assertThat(created.out()).doesNotContain("very-secret-value");
    functionId = created.json().get("id").asText();

    var table = cli.run("i", "function", "list");
    assertThat(table.status()).as(table.toString()).isZero();
    assertThat(table.out()).contains("test1").contains(functionId).contains("python310");

    var json = cli.run("i", "function", "list", "--output", "json");
    assertThat(names(json.json())).containsExactly("test1");
  }

  @Test
  @Order(3)
  void update_changesSizeAndTimeout() {
    var updated =
        cli.run(
            "i",
            "function",
            "update",
            functionId,
            "--serving-size",
            "extra-large",
            "--serving-timeout",
            "600",
            "--output",
            "json");
    assertThat(updated.status()).as(updated.toString()).isZero();
    assertThat(updated.json().get("serving").get("size").asText()).isEqualTo("extra-large");
    assertThat(updated.json().get("serving").get("timeoutSeconds").asInt()).isEqualTo(600);
    assertThat(updated.json().get("servingEnv").get("MODE").asText()).isEqualTo("fast");
  }

  @Test
  @Order(4)
  void create_invalidKind_listsTheValidKinds() {
    var reply =
        cli.run(
            "i", "function", "create", "bad", "-d", "x", "-k", "cobol", "--serving-size", "small");
    assertThat(reply.status()).isEqualTo(1);
    assertThat(reply.err()).contains("python310").contains("invalid-kind");
  }

  @Test
  @Order(5)
  void autoCreate_thenDownload_thenRunLocally() throws Exception {
    var created =
        cli.run(
            "i",
            "function",
            "create",
            "sample",
            "-d",
            "Scaffolded",
            "-k",
            "python310",
            "--serving-size",
            "small",
            "--auto-create",
            "--output",
            "json");
    assertThat(created.status()).as(created.toString()).isZero();
    assertThat(created.json().get("latestRevision").asText()).isEqualTo("v1");
    String id = created.json().get("id").asText();

    Path testing = work.resolve("sample");
    var download = cli.run("i", "function", "download", "--id", id, testing.toString());
    assertThat(download.status()).as(download.toString()).isZero();
    for (String path :
        new String[] {
          "func.yaml",
          "function/__init__.py",
          "function/func.py",
          "pyproject.toml",
          "README.md",
          "tests/test_func.py"
        }) {
      assertThat(testing.resolve(path)).as(path).isRegularFile();
    }
    assertThat(testing.resolve("scaffolding")).doesNotExist();

    runLocally_andInvoke(testing);
    assertThat(cli.run("i", "function", "delete", id).status()).isZero();
  }

  /** {@code fathom i function run DIR} in the background, then {@code invoke --local}. */
  private void runLocally_andInvoke(Path dir) throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    var run =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () ->
                cli.run("i", "function", "run", dir.toString(), "--port", Integer.toString(port)));
    try {
      Cli.Result reply = null;
      for (int i = 0; i < 120; i++) {
        reply =
            cli.run(
                "i",
                "function",
                "invoke",
                "--local",
                "--port",
                Integer.toString(port),
                "--data",
                "{\"name\": \"Ada\"}");
        if (reply.status() == 0 || run.isDone()) {
          break;
        }
        Thread.sleep(500);
      }
      assertThat(run.isDone()).as(() -> run.join().toString()).isFalse();
      assertThat(reply.status()).as(reply.toString()).isZero();
      assertThat(reply.out()).contains("Hello, Ada");
      assertThat(reply.out()).contains("/api/intelligence/machine-learning/v1/openapi");
    } finally {
      ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
    }
    Cli.Result finished = run.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(finished.status()).as(finished.toString()).isZero();
  }

  @Test
  @Order(6)
  void upload_thenDownload_roundTripsTheTree() throws IOException {
    Path src = work.resolve("testing");
    Files.createDirectories(src.resolve("function"));
    Files.createDirectories(src.resolve("tests"));
    Files.writeString(src.resolve("func.yaml"), MANIFEST);
    Files.writeString(src.resolve("function/__init__.py"), "");
    Files.writeString(src.resolve("function/func.py"), "def main(data, context):\n    return {}\n");
    Files.writeString(src.resolve("tests/test_func.py"), "def test_nothing():\n    pass\n");

    var upload = cli.run("i", "function", "upload", functionId, src.toString());
    assertThat(upload.status()).as(upload.toString()).isZero();
    assertThat(upload.out().strip()).isEqualTo("Function source code updated - revision: v1");

    Files.writeString(
        src.resolve("function/func.py"), "def main(data, context):\n    return {'v': 2}\n");
    var again = cli.run("i", "function", "upload", "--id", functionId, src.toString());
    assertThat(again.out().strip()).isEqualTo("Function source code updated - revision: v2");

    Path out = work.resolve("downloaded");
    var download = cli.run("i", "function", "download", "--id", functionId, out.toString());
    assertThat(download.status()).as(download.toString()).isZero();
    assertThat(Files.readString(out.resolve("function/func.py"))).contains("'v': 2");
    assertThat(Files.readString(out.resolve("func.yaml"))).isEqualTo(MANIFEST);
    assertThat(out.resolve("tests/test_func.py")).exists();

    Path v1 = work.resolve("v1");
    var old = cli.run("i", "function", "download", functionId, v1.toString(), "--revision", "v1");
    assertThat(old.status()).as(old.toString()).isZero();
    assertThat(Files.readString(v1.resolve("function/func.py"))).contains("return {}");
  }

  @Test
  @Order(7)
  void secondProject_andContext_seeOnlyTheirOwnFunctions() {
    var project = cli.run("project", "create", "second", "--output", "json");
    assertThat(project.status()).as(project.toString()).isZero();
    secondProjectId = project.json().get("id").asText();

    var token =
        cli.run("token", "create", "qa-token", "--project-id", secondProjectId, "--output", "json");
    assertThat(token.status()).as(token.toString()).isZero();
    String secret = token.json().get("token").asText();

    var login = cli.run("--context", "qa", "login", server.url(), "--token", secret);
    assertThat(login.status()).as(login.toString()).isZero();

    var qaList = cli.run("--context", "qa", "i", "function", "list", "--output", "json");
    assertThat(qaList.status()).as(qaList.toString()).isZero();
    assertThat(names(qaList.json())).isEmpty();

    var foreign = cli.run("--context", "qa", "i", "function", "get", functionId);
    assertThat(foreign.status()).isEqualTo(1);
    assertThat(foreign.err()).contains("function-not-found");

    var foreignUpload =
        cli.run(
            "--context",
            "qa",
            "i",
            "function",
            "download",
            functionId,
            work.resolve("x").toString());
    assertThat(foreignUpload.status()).isEqualTo(1);

    var contexts = cli.run("context", "list");
    assertThat(contexts.out()).contains("default").contains("qa");

    assertThat(cli.run("context", "select", "qa").status()).isZero();
    assertThat(names(cli.run("i", "function", "list", "--output", "json").json())).isEmpty();
    assertThat(cli.run("context", "select", "default").status()).isZero();
    assertThat(names(cli.run("i", "function", "list", "--output", "json").json()))
        .containsExactly("test1");
  }

  @Test
  @Order(8)
  void delete_removesTheFunction() {
    var deleted = cli.run("i", "function", "delete", functionId);
    assertThat(deleted.status()).as(deleted.toString()).isZero();
    var get = cli.run("i", "function", "get", functionId);
    assertThat(get.status()).isEqualTo(1);
    assertThat(get.err()).contains("function-not-found");
  }

  @Test
  @Order(9)
  void version_andCompletion() {
    assertThat(cli.run("--version").status()).isZero();
    var completion = cli.run("completion", "bash");
    assertThat(completion.status()).isZero();
    assertThat(completion.out()).contains("fathom");
  }

  private static java.util.List<String> names(JsonNode list) {
    JsonNode items = list.isArray() ? list : list.get("data");
    return StreamSupport.stream(items.spliterator(), false)
        .map(n -> n.get("name").asText())
        .toList();
  }
}
