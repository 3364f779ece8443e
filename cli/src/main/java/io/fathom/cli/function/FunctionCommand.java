package io.fathom.cli.function;

import io.fathom.cli.build.BuildCommand;
import io.fathom.cli.call.CallCommand;
import io.fathom.cli.deployment.DeployCommand;
import io.fathom.cli.deployment.DeploymentCommand;
import io.fathom.cli.local.FunctionInvokeCommand;
import io.fathom.cli.local.FunctionRunCommand;
import io.fathom.cli.logs.FunctionLogsCommand;
import io.fathom.cli.schedule.ScheduleCommand;
import picocli.CommandLine.Command;

/**
 * {@code fathom intelligence function ...}: function management and source, builds, deployments,
 * calls, runtime logs and schedules.
 */
@Command(
    name = "function",
    mixinStandardHelpOptions = true,
    description =
        "Create, list, update and delete functions; upload and download their source; run them"
            + " locally; build, deploy and call them; read their logs; schedule calls.",
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
      BuildCommand.class,
      DeployCommand.class,
      DeploymentCommand.class,
      CallCommand.class,
      FunctionLogsCommand.class,
      ScheduleCommand.class
    })
final class FunctionCommand {}
