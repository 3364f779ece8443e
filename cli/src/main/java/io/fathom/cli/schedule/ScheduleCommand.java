package io.fathom.cli.schedule;

import io.fathom.cli.function.DataOption;
import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.output.Formats;
import io.fathom.cli.output.Table;
import io.fathom.cli.runtime.BaseCommand;
import io.fathom.cli.runtime.PageOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fathom intelligence function schedule create|list|delete}: cron schedules that call a
 * deployed function with a fixed input.
 */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description = "Call a function on a cron schedule; list and delete its schedules.",
    subcommands = {
      ScheduleCommand.Create.class,
      ScheduleCommand.List.class,
      ScheduleCommand.Delete.class
    })
public final class ScheduleCommand {
  private ScheduleCommand() {}

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Schedule calls of a function with a cron expression.")
  static final class Create extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FUNCTION_ID", description = "Function id.")
    String functionId;

    @Option(
        names = "--cron",
        required = true,
        paramLabel = "EXPR",
        description = "Five-field cron expression, e.g. '*/5 * * * *' (every five minutes).")
    String cron;

    @Option(
        names = "--timezone",
        paramLabel = "TZ",
        defaultValue = "UTC",
        description = "Time zone the expression is read in, e.g. Europe/Prague (default UTC).")
    String timezone;

    @Mixin DataOption data;

    @Override
    protected void execute() {
      ApiResponse created =
          new SchedulesApi(session().api())
              .create(functionId, cron, timezone, data.json(session().in(), "{}"));
      ScheduleInfo schedule = created.data(ScheduleInfo.class);
      printer()
          .print(
              created.data(),
              () ->
                  printer()
                      .line(
                          "schedule created: "
                              + schedule.id()
                              + " (next call at "
                              + Formats.time(schedule.nextFireAt())
                              + ")"));
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List a function's schedules.")
  static final class List extends BaseCommand {
    @Mixin PageOptions page;

    @Parameters(index = "0", paramLabel = "FUNCTION_ID", description = "Function id.")
    String functionId;

    @Override
    protected void execute() {
      ApiResponse response = new SchedulesApi(session().api()).list(functionId, page.query());
      printer()
          .print(
              response.data(),
              () -> {
                Table table =
                    Table.withColumns(
                        "ID", "CRON", "TIMEZONE", "NEXT_FIRE_AT", "INPUT", "CREATED_AT");
                for (ScheduleInfo s : response.items(ScheduleInfo.class)) {
                  table.row(
                      s.id(),
                      s.cron(),
                      s.timezone(),
                      Formats.time(s.nextFireAt()),
                      s.input() == null ? null : s.input().toString(),
                      Formats.time(s.createdAt()));
                }
                printer().list(table, response.pagination(), "schedules");
              });
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a schedule.")
  static final class Delete extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FUNCTION_ID", description = "Function id.")
    String functionId;

    @Parameters(index = "1", paramLabel = "SCHEDULE_ID", description = "Schedule id.")
    String scheduleId;

    @Override
    protected void execute() {
      new SchedulesApi(session().api()).delete(functionId, scheduleId);
      if (!printer().isJson()) {
        printer().line("schedule deleted: " + scheduleId);
      }
    }
  }
}
