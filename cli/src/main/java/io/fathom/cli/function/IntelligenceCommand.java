package io.fathom.cli.function;

import io.fathom.cli.ml.MachineLearningCommand;
import io.fathom.cli.ml.MlflowCommand;
import picocli.CommandLine.Command;

/** {@code fathom intelligence} (alias {@code i}): the intelligence workspace. */
@Command(
    name = "intelligence",
    aliases = "i",
    mixinStandardHelpOptions = true,
    description =
        "Intelligence workspace: serverless functions, MLflow tracking, machine learning.",
    subcommands = {FunctionCommand.class, MlflowCommand.class, MachineLearningCommand.class})
public final class IntelligenceCommand {}
