package io.fathom.cli.ml;

import static io.fathom.cli.testing.Fixtures.data;
import static io.fathom.cli.testing.Fixtures.page;
import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.cli.testing.CliRunner;
import io.fathom.cli.testing.CliRunner.Result;
import io.fathom.cli.testing.FakeApi;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineLearningCommandsTest {
  private static final String BASE = "/api/intelligence/machine-learning/v1";
  private static final String MODEL =
      """
      {"id":"6174cc98-55fb-4818-9370-f75cafade62e","name":"iris_classifier","kind":"onnx",
       "status":"ready","modelSize":2048,"runId":"0f8d6c2e-3e8a-4bb1-9a3c-5c1b9e2f4a10",
       "schema":{"input":[{"name":"float_input"}],"output":[{"name":"label"}]},
       "tags":[{"key":"team","value":"core"}],
       "createdAt":"2026-03-25T08:06:17.003811Z","updatedAt":"2026-03-25T08:06:18Z"}
      """;
  private static final String EXPERIMENT =
      """
      {"id":"e1a0c2d4-0000-4000-8000-000000000001","remoteId":"1","name":"fraud-detection-v1",
       "tags":[{"key":"team","value":"Data Science Core"}],
       "createdAt":"2026-03-25T08:00:00Z","updatedAt":"2026-03-25T08:00:00Z"}
      """;
  private static final String RUN =
      """
      {"id":"0f8d6c2e-3e8a-4bb1-9a3c-5c1b9e2f4a10","remoteId":"0f8d6c2e3e8a4bb19a3c5c1b9e2f4a10",
       "name":"bright-owl","status":"finished","tags":[],
       "metrics":{"accuracy":0.95},"parameters":{"epochs":"10"},
       "createdAt":"2026-03-25T08:01:00Z","updatedAt":"2026-03-25T08:02:00Z"}
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
  void modelList_printsATable_withTenantHeadersAndPaging() {
    api.on("GET", BASE + "/logged-models", 200, page(MODEL, 1, 2, 21));

    Result result =
        cli.run("intelligence", "machine-learning", "model", "list", "--page-size", "20");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .startsWith("ID                                     NAME              KIND   STATUS")
        .contains(
            "6174cc98-55fb-4818-9370-f75cafade62e   iris_classifier   onnx   ready    2.0 KiB")
        .contains("2026-03-25T08:06:17Z")
        .contains("Page 1 of 2 (21 models)");
    FakeApi.Request request = api.only("GET", BASE + "/logged-models");
    assertThat(request.query()).isEqualTo("page_size=20");
    assertThat(request.header("x-projectid")).isEqualTo(CliRunner.PROJECT);
    assertThat(request.header("x-organizationid")).isEqualTo(CliRunner.ORGANIZATION);
  }

  @Test
  void modelList_empty_saysSo() {
    api.on("GET", BASE + "/logged-models", 200, page("", 1, 1, 0));

    assertThat(cli.run("i", "ml", "model", "list").out()).isEqualTo("No models found.\n");
  }

  @Test
  void modelGet_showsDetails_andJsonIsTheApisData() {
    String path = BASE + "/logged-models/6174cc98-55fb-4818-9370-f75cafade62e";
    api.on("GET", path, 200, data(MODEL));

    Result table = cli.run("i", "ml", "model", "get", "6174cc98-55fb-4818-9370-f75cafade62e");
    Result json =
        cli.run("i", "ml", "model", "get", "6174cc98-55fb-4818-9370-f75cafade62e", "-o", "json");

    assertThat(table.out())
        .contains("iris_classifier")
        .contains("Tags:")
        .contains("team=core")
        .contains("[{\"name\":\"float_input\"}]");
    assertThat(json.out()).contains("\"kind\" : \"onnx\"").doesNotContain("\"data\"");
  }

  @Test
  void modelGet_unknown_reportsTheApiError() {
    Result result = cli.run("i", "ml", "model", "get", "nope");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("Error: ");
  }

  @Test
  void experimentList_showsNamesIdsAndTags() {
    api.on("GET", BASE + "/experiments", 200, page(EXPERIMENT, 1, 1, 1));

    Result result = cli.run("i", "ml", "experiment", "list");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .startsWith("ID ")
        .contains("fraud-detection-v1")
        .contains("team=Data Science Core");
  }

  @Test
  void runList_showsStatusMetricsAndParameters() {
    String path = BASE + "/experiments/e1a0c2d4-0000-4000-8000-000000000001/runs";
    api.on("GET", path, 200, page(RUN, 1, 1, 1));

    Result result = cli.run("i", "ml", "run", "list", "e1a0c2d4-0000-4000-8000-000000000001");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("bright-owl")
        .contains("finished")
        .contains("accuracy=0.95")
        .contains("epochs=10");
  }

  @Test
  void runList_json_printsTheItems() {
    String path = BASE + "/experiments/7/runs";
    api.on("GET", path, 200, page(RUN, 1, 1, 1));

    Result result = cli.run("--output", "json", "i", "ml", "run", "list", "7");

    assertThat(result.out()).startsWith("[").contains("\"accuracy\" : 0.95");
  }
}
