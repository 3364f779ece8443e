package io.fathom.cli;

import io.fathom.cli.function.IntelligenceCommand;
import io.fathom.cli.output.OutputFormat;
import io.fathom.cli.platform.ContextCommand;
import io.fathom.cli.platform.LoginCommand;
import io.fathom.cli.platform.ProjectCommand;
import io.fathom.cli.platform.TokenCommand;
import io.fathom.cli.platform.WhoamiCommand;
import io.fathom.cli.runtime.Session;
import io.fathom.cli.runtime.SessionHolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code fathom}: the root command and its global options, usable on every subcommand. */
@Command(
    name = "fathom",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Command line client of the Fathom Functions platform.",
    subcommands = {
      LoginCommand.class,
      ContextCommand.class,
      WhoamiCommand.class,
      ProjectCommand.class,
      TokenCommand.class,
      IntelligenceCommand.class,
      CompletionCommand.class,
      HelpCommand.class
    })
final class FathomCommand implements SessionHolder {
  private final Session session;

  FathomCommand(Session session) {
    this.session = session;
  }

  @Override
  public Session session() {
    return session;
  }

  @Option(
      names = "--context",
      paramLabel = "NAME",
      scope = ScopeType.INHERIT,
      description = "Run in this context instead of the current one (see 'fathom context list').")
  void context(String name) {
    session.contextOverride(name);
  }

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      scope = ScopeType.INHERIT,
      description = "Output format: table (default) or json (the API's data, for scripts).")
  void output(OutputFormat format) {
    session.outputFormat(format);
  }
}
