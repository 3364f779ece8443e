package io.fathom.cli.build;

import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.runtime.BaseCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fathom intelligence function build cancel <FUNCTION_ID> <BUILD_ID>}. */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = "Cancel a queued or running build.")
final class BuildCancelCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "FUNCTION_ID", description = "Function id.")
  String functionId;

  @Parameters(index = "1", paramLabel = "BUILD_ID", description = "Build id.")
  String buildId;

  @Override
  protected void execute() {
    ApiResponse response = new BuildsApi(session()).cancel(functionId, buildId);
    printer().print(response.data(), () -> printer().line("build cancelled: " + buildId));
  }
}
