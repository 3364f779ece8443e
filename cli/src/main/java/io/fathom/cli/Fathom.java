package io.fathom.cli;

import io.fathom.cli.config.FathomPaths;
import io.fathom.cli.runtime.SecretPrompt;
import io.fathom.cli.runtime.Session;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * The {@code fathom} entry point. {@link #run} runs one command line in-process against given
 * streams and environment, and returns the exit status: 0 on success, 1 when the command failed
 * (API errors included), 2 for usage errors.
 */
public final class Fathom {
  /** Set to any value to print stack traces with errors. */
  public static final String DEBUG_VARIABLE = "FATHOM_DEBUG";

  private Fathom() {}

  public static void main(String[] args) {
    int status =
        run(args, System.getenv(), System.in, System.out, System.err, SecretPrompt.console());
    System.exit(status);
  }

  public static int run(
      String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    return run(args, env, in, out, err, SecretPrompt.none());
  }

  /** As {@link #run(String[], Map, InputStream, PrintStream, PrintStream)}, with a token prompt. */
  public static int run(
      String[] args,
      Map<String, String> env,
      InputStream in,
      PrintStream out,
      PrintStream err,
      SecretPrompt prompt) {
    Path userHome = Path.of(System.getProperty("user.home"));
    FathomPaths paths = FathomPaths.fromEnvironment(env, userHome);
    try (Session session = new Session(env, paths, in, out, err, prompt)) {
      ErrorReporter errors = new ErrorReporter(err, env.containsKey(DEBUG_VARIABLE));
      CommandLine commandLine =
          new CommandLine(new FathomCommand(session))
              .setCaseInsensitiveEnumValuesAllowed(true)
              .setExpandAtFiles(false)
              .setOut(new PrintWriter(out, true))
              .setErr(new PrintWriter(err, true))
              .setExecutionExceptionHandler(errors)
              .setParameterExceptionHandler(errors);
      return commandLine.execute(args);
    }
  }
}
