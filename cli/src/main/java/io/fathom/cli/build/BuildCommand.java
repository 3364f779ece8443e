package io.fathom.cli.build;

import picocli.CommandLine.Command;

/** {@code fathom intelligence function build ...}: builds of a function's revisions. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = "Build a function's source revision into an image; list builds, read their logs.",
    subcommands = {
      BuildCreateCommand.class,
      BuildListCommand.class,
      BuildLogsCommand.class,
      BuildCancelCommand.class
    })
public final class BuildCommand {}
