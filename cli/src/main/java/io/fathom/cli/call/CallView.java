package io.fathom.cli.call;

import io.fathom.cli.output.Details;
import io.fathom.cli.output.Formats;
import io.fathom.cli.output.Table;
import java.io.PrintStream;
import java.util.List;

/** How calls look in table output. */
final class CallView {
  private CallView() {}

  static Table table(List<CallInfo> calls) {
    Table table =
        Table.withColumns("ID", "CREATED_AT", "STATUS", "DURATION_MS", "COLD_START", "ERROR");
    for (CallInfo c : calls) {
      table.row(
          c.id(),
          Formats.time(c.createdAt()),
          c.status(),
          c.durationMs(),
          c.coldStart(),
          c.error());
    }
    return table;
  }

  /** Every field of one call, its output as compact JSON. */
  static void details(CallInfo c, PrintStream out) {
    CallInfo.Timings t = c.timings();
    new Details()
        .add("ID", c.id())
        .add("Function", c.functionId())
        .add("Deployment", c.deploymentId())
        .add("Status", c.status())
        .add("Mode", c.mode())
        .add("Idempotency key", c.idempotencyKey())
        .add("Schedule", c.scheduleId())
        .add("Cold start", c.coldStart())
        .add("Duration", c.durationMs() == null ? null : c.durationMs() + " ms")
        .add(
            "Timings",
            t == null
                ? null
                : "queued "
                    + t.queuedMs()
                    + " ms, start "
                    + t.startMs()
                    + " ms, execution "
                    + t.executionMs()
                    + " ms")
        .add("Created", Formats.time(c.createdAt()))
        .add("Started", Formats.time(c.startedAt()))
        .add("Finished", Formats.time(c.finishedAt()))
        .add("Error", c.error())
        .add("Output", c.output() == null || c.output().isNull() ? null : c.output().toString())
        .print(out);
  }
}
