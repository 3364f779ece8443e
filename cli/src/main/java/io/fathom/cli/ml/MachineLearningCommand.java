package io.fathom.cli.ml;

import picocli.CommandLine.Command;

/** {@code fathom intelligence machine-learning} (alias {@code ml}): models, experiments, runs. */
@Command(
    name = "machine-learning",
    aliases = "ml",
    mixinStandardHelpOptions = true,
    description = "Logged models, experiments and runs tracked with MLflow.",
    subcommands = {ModelCommand.class, ExperimentCommand.class, RunCommand.class})
public final class MachineLearningCommand {}
