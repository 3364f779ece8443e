package io.fathom.cli.function;

import static io.fathom.cli.testing.Fixtures.FUNCTION_ID;
import static io.fathom.cli.testing.Fixtures.data;
import static io.fathom.cli.testing.Fixtures.error;
import static io.fathom.cli.testing.Fixtures.function;
import static io.fathom.cli.testing.Fixtures.page;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.cli.testing.CliRunner;
import io.fathom.cli.testing.CliRunner.Result;
import io.fathom.cli.testing.FakeApi;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionCommandsTest {
  private static final String FUNCTIONS = "/api/intelligence/functions/v1/functions";
  private static final String ONE = FUNCTIONS + "/" + FUNCTION_ID;

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
  void create_postsTheDocumentedBody_withTenantHeaders() throws Exception {
    api.on("POST", FUNCTIONS, 201, data(function("test1")));
    Path schema = home.resolve("out.json");
    Files.writeString(schema, "{\"type\":\"string\"}");

    Result result =
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
            "--serving-gpu",
            "nvidia-l4",
            "--serving-timeout",
            "300",
            "--serving-env",
            "LOG_LEVEL=debug",
            "--serving-secret",
            "API_KEY=s3cr3t",
            "--build-env",
            "PIP_INDEX=http://x?a=b",
            "--schema-input",
            "{\"type\":\"object\"}",
            "--schema-output",
            "@" + schema,
            "--auto-create");

    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isZero();
    FakeApi.Request request = api.only("POST", FUNCTIONS);
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + CliRunner.TOKEN);
    assertThat(request.header("x-organizationid")).isEqualTo(CliRunner.ORGANIZATION);
    assertThat(request.header("x-projectid")).isEqualTo(CliRunner.PROJECT);
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.json().toString())
        .isEqualTo(
            "{\"name\":\"test1\",\"description\":\"Just testing\",\"kind\":\"python310\","
                + "\"serving\":{\"size\":\"small\",\"gpu\":\"nvidia-l4\",\"timeoutSeconds\":300},"
                + "\"buildEnv\":{\"PIP_INDEX\":\"http://x?a=b\"},"
                + "\"servingEnv\":{\"LOG_LEVEL\":\"debug\"},"
                + "\"servingSecrets\":{\"API_KEY\":\"s3cr3t\"},"
                + "\"schema\":{\"input\":{\"type\":\"object\"},\"output\":{\"type\":\"string\"}},"
                + "\"autoCreate\":true}");
    assertThat(result.out())
        .startsWith(
            "ID                                     NAME    KIND        SIZE    GPU   TIMEOUT  "
                + " REVISION   CREATED\n"
                + FUNCTION_ID
                + "   test1   python310   small   -     300s      v3        "
                + " 2025-01-02T03:04:05Z\n")
        .contains("Serving secrets:  API_KEY=********")
        .contains("Schema input:     {\"type\":\"object\"}");
  }

  @Test
  void create_minimal_sendsOnlyWhatIsGiven() {
    api.on("POST", FUNCTIONS, 201, data(function("test1")));

    cli.run(
        "i",
        "function",
        "create",
        "test1",
        "-d",
        "Just testing",
        "-k",
        "python310",
        "--serving-size",
        "small");

    assertThat(api.only("POST", FUNCTIONS).json().toString())
        .isEqualTo(
            "{\"name\":\"test1\",\"description\":\"Just testing\",\"kind\":\"python310\","
                + "\"serving\":{\"size\":\"small\"}}");
  }

  @Test
  void create_asJson_printsTheApiData() throws Exception {
    api.on("POST", FUNCTIONS, 201, data(function("test1")));

    Result result =
        cli.run(
            "intelligence",
            "function",
            "create",
            "test1",
            "-d",
            "x",
            "-k",
            "python310",
            "--serving-size",
            "small",
            "--output",
            "json");

    JsonNode printed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.out());
    assertThat(printed.path("id").asText()).isEqualTo(FUNCTION_ID);
    assertThat(printed.path("serving").path("size").asText()).isEqualTo("small");
  }

  @Test
  void create_withoutRequiredOptions_isAUsageError() {
    Result result = cli.run("intelligence", "function", "create", "test1", "-d", "x");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("Missing required options: '--kind=KIND', '--serving-size=SIZE'")
        .contains("Run 'fathom intelligence function create --help' for usage.");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void create_withMalformedPair_isAUsageError() {
    Result result =
        cli.run(
            "intelligence",
            "function",
            "create",
            "f",
            "-d",
            "x",
            "-k",
            "go124",
            "--serving-size",
            "small",
            "--serving-env",
            "NOEQUALS");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("'NOEQUALS' is not KEY=VALUE");
  }

  @Test
  void create_rejectedByTheServer_printsItsErrorAndExits1() {
    api.on(
        "POST",
        FUNCTIONS,
        422,
        error("unknown-kind", "'cobol' is not a known kind; known kinds: python310, go124"));

    Result result =
        cli.run(
            "intelligence",
            "function",
            "create",
            "f",
            "-d",
            "x",
            "-k",
            "cobol",
            "--serving-size",
            "small");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "Error: 'cobol' is not a known kind; known kinds: python310, go124 (unknown-kind)\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void list_printsTheTable() {
    api.on("GET", FUNCTIONS, 200, page(function("a") + "," + function("b"), 1, 1, 2));

    Result result = cli.run("intelligence", "function", "list");

    assertThat(result.out().lines())
        .hasSize(3)
        .first()
        .asString()
        .matches("ID +NAME +KIND +SIZE +GPU +TIMEOUT +REVISION +CREATED");
    assertThat(api.only("GET", FUNCTIONS).query()).isNull();
  }

  @Test
  void list_whenEmpty_saysSo() {
    api.on("GET", FUNCTIONS, 200, page("", 1, 0, 0));

    assertThat(cli.run("intelligence", "function", "list").out())
        .isEqualTo("No functions found.\n");
  }

  @Test
  void list_withFilter_postsToFilter_withPaging() {
    api.on("POST", FUNCTIONS + "/filter", 200, page(function("a"), 1, 1, 1));

    Result result =
        cli.run(
            "intelligence",
            "function",
            "list",
            "--filter",
            "{\"kind\":\"python310\"}",
            "--page-size",
            "5");

    assertThat(result.exitCode()).isZero();
    FakeApi.Request request = api.only("POST", FUNCTIONS + "/filter");
    assertThat(request.json().toString()).isEqualTo("{\"filter\":{\"kind\":\"python310\"}}");
    assertThat(request.query()).isEqualTo("page_size=5");
  }

  @Test
  void get_acceptsThePositionalIdOrTheIdOption() {
    api.on("GET", ONE, 200, data(function("a")));

    Result positional = cli.run("intelligence", "function", "get", FUNCTION_ID);
    Result option = cli.run("intelligence", "function", "get", "--id", FUNCTION_ID);

    assertThat(positional.exitCode()).isZero();
    assertThat(option.out()).isEqualTo(positional.out());
    assertThat(api.requests()).hasSize(2);
  }

  @Test
  void get_withoutId_isAUsageError() {
    Result result = cli.run("intelligence", "function", "get");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("missing function id: give it as <ID> or with --id ID");
  }

  @Test
  void get_withTwoDifferentIds_isAUsageError() {
    Result result = cli.run("intelligence", "function", "get", "a", "--id", "b");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("the function id is given twice");
  }

  @Test
  void get_notFound_printsTheApiError() {
    api.on("GET", ONE, 404, error("function-not-found", "no function " + FUNCTION_ID));

    Result result = cli.run("intelligence", "function", "get", FUNCTION_ID);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo("Error: no function " + FUNCTION_ID + " (function-not-found)\n");
  }

  @Test
  void update_sendsOnlyTheChanges_withNullsForUnset() {
    api.on("PATCH", ONE, 200, data(function("renamed")));

    Result result =
        cli.run(
            "intelligence",
            "function",
            "update",
            FUNCTION_ID,
            "-n",
            "renamed",
            "--serving-size",
            "extra-large",
            "--serving-timeout",
            "600",
            "--serving-gpu",
            "none",
            "--serving-env",
            "A=1",
            "--unset-serving-env",
            "LOG_LEVEL",
            "--unset-serving-secret",
            "API_KEY");

    assertThat(result.exitCode()).isZero();
    assertThat(api.only("PATCH", ONE).json().toString())
        .isEqualTo(
            "{\"name\":\"renamed\","
                + "\"serving\":{\"size\":\"extra-large\",\"gpu\":\"none\",\"timeoutSeconds\":600},"
                + "\"servingEnv\":{\"A\":\"1\",\"LOG_LEVEL\":null},"
                + "\"servingSecrets\":{\"API_KEY\":null}}");
    assertThat(result.out()).contains("renamed");
  }

  @Test
  void update_docExample_scalesTheFunction() {
    api.on("PATCH", ONE, 200, data(function("a")));

    cli.run(
        "intelligence",
        "function",
        "update",
        FUNCTION_ID,
        "--serving-size",
        "extra-large",
        "--serving-timeout",
        "600");

    assertThat(api.only("PATCH", ONE).json().toString())
        .isEqualTo("{\"serving\":{\"size\":\"extra-large\",\"timeoutSeconds\":600}}");
  }

  @Test
  void update_withNothingToChange_isAUsageError() {
    Result result = cli.run("intelligence", "function", "update", FUNCTION_ID);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("nothing to update");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void update_settingAndUnsettingTheSameKey_isAUsageError() {
    Result result =
        cli.run(
            "intelligence",
            "function",
            "update",
            "--id",
            FUNCTION_ID,
            "--build-env",
            "A=1",
            "--unset-build-env",
            "A");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("A is both set with --build-env and unset");
  }

  @Test
  void delete_deletesByIdOption() {
    api.on("DELETE", ONE, 204, null);

    Result result = cli.run("intelligence", "function", "delete", "--id", FUNCTION_ID);

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("Function " + FUNCTION_ID + " deleted.\n");
    assertThat(api.requests()).extracting(FakeApi.Request::method).containsExactly("DELETE");
  }
}
