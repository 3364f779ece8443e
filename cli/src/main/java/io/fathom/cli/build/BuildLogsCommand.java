package io.fathom.cli.build;

import io.fathom.cli.output.LogPrinter;
import io.fathom.cli.runtime.BaseCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fathom intelligence function build logs <FUNCTION_ID> <BUILD_ID>}. */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = "Print a build's logs; with --watch, follow them until the build finishes.")
final class BuildLogsCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "FUNCTION_ID", description = "Function id.")
  String functionId;

  @Parameters(index = "1", paramLabel = "BUILD_ID", description = "Build id.")
  String buildId;

  @Option(names = "--watch", description = "Follow the logs until the build finishes.")
  boolean watch;

  @Option(names = "--time", description = "Prefix each line with its timestamp.")
  boolean time;

  @Override
  protected void execute() {
    new BuildsApi(session())
        .logs(functionId, buildId, watch, new LogPrinter(session().out(), time));
  }
}
