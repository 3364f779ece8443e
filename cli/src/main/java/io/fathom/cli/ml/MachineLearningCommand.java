package io.fathom.cli.ml;

import io.fathom.cli.ml.deployment.ModelDeploymentCommand;
import picocli.CommandLine.Command;

/**
 * {@code fathom intelligence machine-learning} (alias {@code ml}): models, experiments, runs and
 * model deployments.
 */
@Command(
    name = "machine-learning",
    aliases = "ml",
    mixinStandardHelpOptions = true,
    description =
        "Logged models, experiments and runs tracked with MLflow; deployments that serve models.",
    subcommands = {
      ModelCommand.class,
      ExperimentCommand.class,
      RunCommand.class,
      ModelDeploymentCommand.class
    })
public final class MachineLearningCommand {}
