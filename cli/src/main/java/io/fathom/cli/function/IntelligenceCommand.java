package io.fathom.cli.function;

import picocli.CommandLine.Command;

/** {@code fathom intelligence} (alias {@code i}): the intelligence workspace. */
@Command(
    name = "intelligence",
    aliases = "i",
    mixinStandardHelpOptions = true,
    description = "Intelligence workspace: serverless functions.",
    subcommands = FunctionCommand.class)
public final class IntelligenceCommand {}
