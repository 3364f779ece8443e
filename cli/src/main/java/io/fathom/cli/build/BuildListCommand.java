package io.fathom.cli.build;

import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.output.Formats;
import io.fathom.cli.output.Table;
import io.fathom.cli.runtime.BaseCommand;
import io.fathom.cli.runtime.PageOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fathom intelligence function build list [<FUNCTION_ID>]}. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List builds, newest first: the project's, or one function's.")
final class BuildListCommand extends BaseCommand {
  @Mixin PageOptions page;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FUNCTION_ID",
      description = "Only this function's builds.")
  String functionId;

  @Override
  protected void execute() {
    ApiResponse response = new BuildsApi(session()).list(functionId, page.query());
    printer()
        .print(
            response.data(),
            () -> {
              Table table =
                  Table.withColumns("ID", "FUNCTION", "REVISION", "STATUS", "DIGEST", "CREATED");
              for (BuildInfo b : response.items(BuildInfo.class)) {
                table.row(
                    b.id(),
                    b.functionId(),
                    b.revision(),
                    b.status(),
                    b.image() == null ? "" : shortDigest(b.image().digest()),
                    Formats.time(b.createdAt()));
              }
              printer().list(table, response.pagination(), "builds");
            });
  }

  private static String shortDigest(String digest) {
    return digest != null && digest.length() > 19 ? digest.substring(0, 19) : digest;
  }
}
