package io.fathom.cli.ml.deployment;

import static io.fathom.cli.testing.Fixtures.data;
import static io.fathom.cli.testing.Fixtures.error;
import static io.fathom.cli.testing.Fixtures.page;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.cli.runtime.Polling;
import io.fathom.cli.testing.CliRunner;
import io.fathom.cli.testing.CliRunner.Result;
import io.fathom.cli.testing.FakeApi;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDeploymentCommandsTest {
  private static final String DEPLOYMENTS = "/api/intelligence/machine-learning/v1/deployments";
  private static final String ID = "379f103f-45cd-4c00-aec3-0fa4af756cae";
  private static final String ONE = DEPLOYMENTS + "/" + ID;
  private static final String MODEL_ID = "6174cc98-55fb-4818-9370-f75cafade62e";
  private static final String DESCRIPTION = "Production endpoint for Iris flower classification";

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

  /** The document's iris-classifier deployment, pending (no instance) or running hot. */
  static String deployment(boolean running) {
    return """
    {"id":"%s","userId":"u-1","createdAt":"2026-03-25T08:06:17.003811Z",
     "updatedAt":"2026-03-25T08:06:18Z","name":"iris-classifier","description":"%s",
     "status":"%s","state":{"instance":%s,"provider":%s,"message":null},
     "serving":{"size":"small","gpu":null},"tags":[{"key":"production","value":""}],
     "modelData":{"kind":"logged-model","modelId":"%s","modelName":"iris_classifier"},
     "nextRevision":"r2","runningRevision":%s}
    """
        .formatted(
            ID,
            DESCRIPTION,
            running ? "running" : "pending",
            running ? "\"hot\"" : "null",
            running ? "\"CPUExecutionProvider\"" : "null",
            MODEL_ID,
            running ? "\"r1\"" : "null");
  }

  @Test
  void createLoggedModel_postsTheDocumentedBody() {
    api.on("POST", DEPLOYMENTS, 201, data(deployment(false)));

    Result result =
        cli.run(
            "intelligence",
            "machine-learning",
            "deployment",
            "create",
            "logged-model",
            "--model-id",
            MODEL_ID,
            "--name",
            "iris-classifier",
            "--description",
            DESCRIPTION,
            "--serving-size",
            "small",
            "--tag",
            "production",
            "--tag",
            "team=core=ml");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("deployment created: " + ID + "\n");
    JsonNode body = api.only("POST", DEPLOYMENTS).json();
    assertThat(body.get("model").get("kind").asText()).isEqualTo("logged-model");
    assertThat(body.get("model").get("modelId").asText()).isEqualTo(MODEL_ID);
    assertThat(body.get("name").asText()).isEqualTo("iris-classifier");
    assertThat(body.get("description").asText()).isEqualTo(DESCRIPTION);
    assertThat(body.get("serving").toString()).isEqualTo("{\"size\":\"small\"}");
    assertThat(body.get("tags").toString()).isEqualTo("{\"production\":\"\",\"team\":\"core=ml\"}");
    assertThat(api.only("POST", DEPLOYMENTS).header("x-projectid")).isEqualTo(CliRunner.PROJECT);
  }

  @Test
  void createLoggedModel_defaultsToSmall_andSendsTheGpu() {
    api.on("POST", DEPLOYMENTS, 201, data(deployment(false)));

    cli.run(
        "i",
        "ml",
        "deployment",
        "create",
        "logged-model",
        "--model-id",
        MODEL_ID,
        "--name",
        "n",
        "--description",
        "d",
        "--serving-gpu",
        "nvidia-l4");

    JsonNode body = api.only("POST", DEPLOYMENTS).json();
    assertThat(body.get("serving").toString())
        .isEqualTo("{\"size\":\"small\",\"gpu\":\"nvidia-l4\"}");
    assertThat(body.has("tags")).isFalse();
  }

  @Test
  void createLoggedModel_withoutModelId_isAUsageError() {
    Result result =
        cli.run(
            "i", "ml", "deployment", "create", "logged-model", "--name", "n", "--description", "d");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--model-id");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void createHuggingFace_isSent_andTheServersRefusalPrinted() {
    api.on(
        "POST",
        DEPLOYMENTS,
        400,
        error(
            "unsupported-model-kind",
            "hugging-face deployments are not supported here; deploy a logged-model"));

    Result result =
        cli.run(
            "i",
            "ml",
            "deployment",
            "create",
            "hugging-face",
            "--model-id",
            "Qwen/Qwen2.5-0.5B-Instruct",
            "--name",
            "qwen-tiny-chat",
            "--description",
            "Fast 0.5B parameter chat model",
            "-s",
            "large-high-mem");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "Error: hugging-face deployments are not supported here; deploy a logged-model"
                + " (unsupported-model-kind)\n");
    JsonNode body = api.only("POST", DEPLOYMENTS).json();
    assertThat(body.get("model").toString())
        .isEqualTo("{\"kind\":\"hugging-face\",\"modelId\":\"Qwen/Qwen2.5-0.5B-Instruct\"}");
    assertThat(body.get("serving").get("size").asText()).isEqualTo("large-high-mem");
  }

  @Test
  void list_printsTheDocumentsTable() {
    api.on("GET", DEPLOYMENTS, 200, page(deployment(false), 1, 1, 1));

    Result result = cli.run("i", "ml", "deployment", "list");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "id                                   | created_at                     | name           "
                + " | kind          | description                                        | status "
                + " | state | tags\n"
                + "-------------------------------------+--------------------------------+------------"
                + "-----+---------------+----------------------------------------------------+------"
                + "---+-------+-----------\n"
                + ID
                + " | 2026-03-25 08:06:17.003811 UTC | iris-classifier | logged-models | "
                + DESCRIPTION
                + " | pending | N/A   | production\n");
  }

  @Test
  void list_watch_reprintsUntilTheIterationsAreDone() {
    api.onEach(
        "GET", DEPLOYMENTS, 200, page(deployment(false), 1, 1, 1), page(deployment(true), 1, 1, 1));

    Result result = cli.run("i", "ml", "deployment", "list", "--watch", "--watch-iterations", "2");

    assertThat(result.exitCode()).as(result.err()).isZero();
    String[] tables = result.out().split("\n\n");
    assertThat(tables).hasSize(2);
    assertThat(tables[0]).contains("| pending | N/A ").startsWith("id ");
    assertThat(tables[1]).contains("| running | hot ").startsWith("id ");
    assertThat(api.all("GET", DEPLOYMENTS)).hasSize(2);
  }

  @Test
  void list_filter_postsTheFilter_andJsonPrintsTheItems() {
    api.on("POST", DEPLOYMENTS + "/filter", 200, page(deployment(true), 1, 1, 1));

    Result result =
        cli.run(
            "-o",
            "json",
            "i",
            "ml",
            "deployment",
            "list",
            "--filter",
            "{\"@eq\": {\"path\": \"status\", \"value\": \"running\"}}");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("[").contains("\"runningRevision\" : \"r1\"");
    assertThat(api.only("POST", DEPLOYMENTS + "/filter").json().get("filter").has("@eq")).isTrue();
  }

  @Test
  void get_showsTheRowAndDetails() {
    api.on("GET", ONE, 200, data(deployment(true)));

    Result result = cli.run("i", "ml", "deployment", "get", ID);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("| running | hot   | production")
        .contains("iris_classifier")
        .contains("CPUExecutionProvider")
        .contains("Serving size:")
        .contains("Running revision:");
  }

  @Test
  void update_loggedModel_patchesOnlyWhatIsGiven() {
    api.on("PATCH", ONE, 200, data(deployment(true)));

    Result result =
        cli.run(
            "i",
            "ml",
            "deployment",
            "update",
            ID,
            "logged-model",
            "--model-id",
            "93096f6a-3a8a-4315-bc18-615ef72c7bcc");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("id ").contains("iris-classifier");
    assertThat(api.only("PATCH", ONE).json().toString())
        .isEqualTo(
            "{\"model\":{\"kind\":\"logged-model\",\"modelId\":\"93096f6a-3a8a-4315-bc18-615ef72c7bcc\"}}");
    assertThat(api.requests()).hasSize(1);
  }

  @Test
  void update_servingGpu_keepsTheCurrentSize_andNoneDetaches() {
    api.on("GET", ONE, 200, data(deployment(true).replace("\"small\"", "\"large\"")));
    api.on("PATCH", ONE, 200, data(deployment(true)));

    cli.run("i", "ml", "deployment", "update", ID, "logged-model", "--serving-gpu", "nvidia-l4");
    JsonNode attach = api.all("PATCH", ONE).get(0).json();
    cli.run("i", "ml", "deployment", "update", ID, "logged-model", "--serving-gpu", "none");
    JsonNode detach = api.all("PATCH", ONE).get(1).json();

    assertThat(attach.toString())
        .isEqualTo("{\"serving\":{\"size\":\"large\",\"gpu\":\"nvidia-l4\"}}");
    assertThat(detach.toString()).isEqualTo("{\"serving\":{\"size\":\"large\",\"gpu\":null}}");
  }

  @Test
  void update_nothingGiven_isAUsageError() {
    Result result = cli.run("i", "ml", "deployment", "update", ID, "logged-model");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("nothing to update");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void tagAndUntag_patchTheTags() {
    api.on("PATCH", ONE, 200, data(deployment(true)));

    Result tag = cli.run("i", "ml", "deployment", "tag", ID, "env=prod", "production");
    Result untag = cli.run("i", "ml", "deployment", "untag", ID, "env", "legacy");

    assertThat(tag.exitCode()).as(tag.err()).isZero();
    assertThat(untag.exitCode()).as(untag.err()).isZero();
    assertThat(api.all("PATCH", ONE).get(0).json().toString())
        .isEqualTo("{\"tags\":{\"env\":\"prod\",\"production\":\"\"}}");
    assertThat(api.all("PATCH", ONE).get(1).json().toString())
        .isEqualTo("{\"tags\":{\"env\":null,\"legacy\":null}}");
    assertThat(tag.out()).contains("production");
  }

  @Test
  void tag_withoutKey_isAUsageError() {
    Result result = cli.run("i", "ml", "deployment", "tag", ID, "=value");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("a tag needs a key");
  }

  @Test
  void delete_confirms() {
    api.on("DELETE", ONE, 204, null);

    Result result = cli.run("i", "ml", "deployment", "delete", ID);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("deployment deleted: " + ID + "\n");
    assertThat(api.only("DELETE", ONE)).isNotNull();
  }

  @Test
  void codeSnippets_printsAll_orOneLanguage() {
    api.on(
        "GET",
        ONE + "/code-snippets",
        200,
        data(
            "{\"curl\":\"curl -X POST …\",\"python\":\"import requests\",\"rust\":\"use reqwest;\"}"));

    Result all = cli.run("i", "ml", "deployment", "code-snippets", ID);
    Result python = cli.run("i", "ml", "deployment", "code-snippets", ID, "--language", "python");
    Result unknown = cli.run("i", "ml", "deployment", "code-snippets", ID, "--language", "java");

    assertThat(all.out())
        .isEqualTo(
            "# curl\ncurl -X POST …\n\n# python\nimport requests\n\n# rust\nuse reqwest;\n\n");
    assertThat(python.out()).isEqualTo("import requests\n");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err())
        .isEqualTo(
            "Error: 'java' is not a known language. Available: curl, python, rust"
                + " (unknown-language)\n");
    assertThat(api.all("GET", ONE + "/code-snippets")).hasSize(2);
  }
}
