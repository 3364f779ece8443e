package io.fathom.cli.runtime;

import io.fathom.cli.output.Printer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Base of every executable command: reaches the invocation's {@link Session} through the root
 * command, and turns a normal return into exit status 0.
 */
@Command
public abstract class BaseCommand implements Callable<Integer> {
  @Spec protected CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    execute();
    session().out().flush();
    return 0;
  }

  protected abstract void execute() throws Exception;

  protected Session session() {
    return ((SessionHolder) spec.root().userObject()).session();
  }

  protected Printer printer() {
    return session().printer();
  }

  /** A usage error: reported with the command's usage and exit status 2. */
  protected ParameterException usageError(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
