package io.fathom.controlplane.ml.experiments;

import io.fathom.controlplane.common.filter.SqlFilter;

/**
 * MLflow keeps epoch milliseconds; the platform filter compares timestamps. This turns a
 * millisecond column into a {@code timestamp with time zone} expression for the dialect.
 */
final class TimeColumns {
  private TimeColumns() {}

  static String timestamp(SqlFilter.Dialect dialect, String millisColumn) {
    return dialect == SqlFilter.Dialect.POSTGRES
        ? "to_timestamp(" + millisColumn + " / 1000.0)"
        : "DATEADD(MILLISECOND, "
            + millisColumn
            + ", TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00')";
  }
}
