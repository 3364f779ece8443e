package io.fathom.cli.schedule;

import static io.fathom.cli.testing.Fixtures.FUNCTION_ID;
import static io.fathom.cli.testing.Fixtures.data;
import static io.fathom.cli.testing.Fixtures.error;
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

class ScheduleCommandsTest {
  private static final String SCHEDULE_ID = "3f1e2d3c-0000-4000-8000-00000000000a";
  private static final String SCHEDULES =
      "/api/intelligence/functions/v1/functions/" + FUNCTION_ID + "/schedules";
  private static final String SCHEDULE =
      """
      {"id":"%s","functionId":"%s","cron":"*/5 * * * *","timezone":"Europe/Prague",
       "input":{"report":"daily"},"nextFireAt":"2026-01-02T03:05:00.000Z",
       "createdAt":"2026-01-02T03:04:05.123Z"}
      """
          .formatted(SCHEDULE_ID, FUNCTION_ID);

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
  void create_postsCronTimezoneAndInput() {
    api.on("POST", SCHEDULES, 201, data(SCHEDULE));

    Result result =
        cli.run(
            "i",
            "function",
            "schedule",
            "create",
            FUNCTION_ID,
            "--cron",
            "*/5 * * * *",
            "--timezone",
            "Europe/Prague",
            "--data",
            "{\"report\": \"daily\"}");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo("schedule created: " + SCHEDULE_ID + " (next call at 2026-01-02T03:05:00Z)\n");
    FakeApi.Request request = api.only("POST", SCHEDULES);
    assertThat(request.json().get("cron").asText()).isEqualTo("*/5 * * * *");
    assertThat(request.json().get("timezone").asText()).isEqualTo("Europe/Prague");
    assertThat(request.json().get("input").get("report").asText()).isEqualTo("daily");
  }

  @Test
  void create_defaults_areUtcAndAnEmptyInput() {
    api.on("POST", SCHEDULES, 201, data(SCHEDULE));

    cli.run("i", "function", "schedule", "create", FUNCTION_ID, "--cron", "0 * * * *");

    FakeApi.Request request = api.only("POST", SCHEDULES);
    assertThat(request.json().get("timezone").asText()).isEqualTo("UTC");
    assertThat(request.json().get("input").isObject()).isTrue();
    assertThat(request.json().get("input").isEmpty()).isTrue();
  }

  @Test
  void create_withoutCron_isAUsageError_andBadDataSendsNothing() {
    Result noCron = cli.run("i", "function", "schedule", "create", FUNCTION_ID);
    Result badData =
        cli.run(
            "i",
            "function",
            "schedule",
            "create",
            FUNCTION_ID,
            "--cron",
            "* * * * *",
            "--data",
            "[1,");

    assertThat(noCron.exitCode()).isEqualTo(2);
    assertThat(noCron.err()).contains("--cron");
    assertThat(badData.exitCode()).isEqualTo(1);
    assertThat(badData.err()).contains("(invalid-data)");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void create_invalidCron_isTheApisError() {
    api.on(
        "POST", SCHEDULES, 400, error("invalid-cron", "'every minute' is not a cron expression"));

    Result result =
        cli.run("i", "function", "schedule", "create", FUNCTION_ID, "--cron", "every minute");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo("Error: 'every minute' is not a cron expression (invalid-cron)\n");
  }

  @Test
  void list_printsTheSchedules() {
    api.on("GET", SCHEDULES, 200, page(SCHEDULE, 1, 1, 1));

    Result result = cli.run("i", "function", "schedule", "list", FUNCTION_ID);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .startsWith("ID ")
        .contains("NEXT_FIRE_AT")
        .contains(SCHEDULE_ID)
        .contains("*/5 * * * *")
        .contains("Europe/Prague")
        .contains("{\"report\":\"daily\"}");
  }

  @Test
  void delete_sendsDelete_andConfirms() {
    api.on("DELETE", SCHEDULES + "/" + SCHEDULE_ID, 204, null);

    Result result = cli.run("i", "function", "schedule", "delete", FUNCTION_ID, SCHEDULE_ID);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("schedule deleted: " + SCHEDULE_ID + "\n");
    assertThat(api.only("DELETE", SCHEDULES + "/" + SCHEDULE_ID)).isNotNull();
  }
}
