package io.fathom.cli;

import io.fathom.cli.error.CliException;
import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Prints errors as one line, {@code Error: <message> (<code>)}: exit 1 for failures while running
 * (API errors included), 2 for usage errors, which also point to {@code --help}.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
  static final int FAILURE = 1;
  private final PrintStream err;
  private final boolean debug;

  ErrorReporter(PrintStream err, boolean debug) {
    this.err = err;
    this.debug = debug;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
    if (e instanceof CliException cli) {
      err.println("Error: " + cli.getMessage() + " (" + cli.code() + ")");
      if (cli.hint() != null) {
        err.println("Hint: " + cli.hint());
      }
    } else {
      String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
      err.println("Error: " + message + " (" + code(e) + ")");
    }
    if (debug) {
      e.printStackTrace(err);
    }
    err.flush();
    return FAILURE;
  }

  private static String code(Exception e) {
    return e instanceof java.io.IOException ? "io-error" : "internal-error";
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    err.println("Error: " + e.getMessage() + " (invalid-usage)");
    if (e instanceof UnmatchedArgumentException unmatched) {
      UnmatchedArgumentException.printSuggestions(unmatched, err);
    }
    err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return cmd.getCommandSpec().exitCodeOnInvalidInput();
  }
}
