package io.fathom.cli.function;

import io.fathom.cli.build.BuildCommand;
import io.fathom.cli.local.FunctionInvokeCommand;
import io.fathom.cli.local.FunctionRunCommand;
import picocli.CommandLine.Command;

/** {@code fathom intelligence function ...}: function management and source. */
@Command(
    name = "function",
    mixinStandardHelpOptions = true,
    description =
        "Create, list, update and delete functions; upload and download their source; run them"
            + " locally.",
    subcommands = {
      FunctionCreateCommand.class,
      FunctionListCommand.class,
      FunctionGetCommand.class,
      FunctionUpdateCommand.class,
      FunctionDeleteCommand.class,
      FunctionUploadCommand.class,
      FunctionDownloadCommand.class,
      FunctionRevisionsCommand.class,
      FunctionRunCommand.class,
      FunctionInvokeCommand.class,
      BuildCommand.class
    })
final class FunctionCommand {}
