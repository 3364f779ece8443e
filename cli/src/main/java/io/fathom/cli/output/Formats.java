package io.fathom.cli.output;

import java.util.Locale;

/** Small formatting helpers for table cells. */
public final class Formats {
  private Formats() {}

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
