package io.fathom.cli.ml;

import picocli.CommandLine.Command;

/** {@code fathom intelligence mlflow ...}: MLflow tracking with the platform as the server. */
@Command(
    name = "mlflow",
    mixinStandardHelpOptions = true,
    description = "Use MLflow (the Python SDK, its CLI, any client) with the platform's tracking.",
    subcommands = MlflowRunCommand.class)
public final class MlflowCommand {}
