package io.fathom.controlplane.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.fathom.controlplane.common.ApiException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A validated cron expression (Unix, five fields: minute hour day-of-month month day-of-week) in a
 * time zone (an IANA name, default UTC), and its next firing after a moment.
 */
public record CronSpec(String expression, ZoneId zone, ExecutionTime execution) {
  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  public static CronSpec parse(String expression, String timezone) {
    if (expression == null || expression.isBlank()) {
      throw ApiException.badRequest("invalid-cron", "cron is required, e.g. \"*/5 * * * *\"");
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(timezone == null || timezone.isBlank() ? "UTC" : timezone);
    } catch (DateTimeException e) {
      throw ApiException.badRequest(
          "invalid-timezone",
          "timezone must be an IANA time zone such as UTC or Europe/Paris, got '" + timezone + "'");
    }
    try {
      var cron = PARSER.parse(expression.trim());
      cron.validate();
      return new CronSpec(expression.trim(), zone, ExecutionTime.forCron(cron));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "invalid-cron",
          "cron must be a Unix cron expression with five fields (minute hour day-of-month month"
              + " day-of-week): "
              + e.getMessage());
    }
  }

  /** The first firing strictly after {@code after}. */
  public Instant nextAfter(Instant after) {
    return execution
        .nextExecution(ZonedDateTime.ofInstant(after, zone))
        .map(ZonedDateTime::toInstant)
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    "invalid-cron", "cron '" + expression + "' never fires again"));
  }
}
