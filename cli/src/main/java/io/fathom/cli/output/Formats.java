package io.fathom.cli.output;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/** Small formatting helpers for table cells. */
public final class Formats {
  private static final DateTimeFormatter UTC =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .appendLiteral(" UTC")
          .toFormatter(Locale.ROOT);

  private Formats() {}

  /**
   * An ISO-8601 timestamp in UTC the way the platform's documentation shows ML deployments: {@code
   * 2026-03-25 08:06:17.003811 UTC}. A value that is not a timestamp is returned as given.
   */
  public static String utc(String iso) {
    if (iso == null) {
      return null;
    }
    try {
      return UTC.format(OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  /** {@code 512 B}, {@code 1.5 KiB}, {@code 3.2 MiB}. */
  public static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /** An ISO-8601 timestamp without its fraction of a second: {@code 2025-01-02T03:04:05Z}. */
  public static String time(String iso) {
    if (iso == null) {
      return null;
    }
    return iso.replaceFirst("\\.\\d+", "");
  }
}
