package io.fathom.cli.ml;

import io.fathom.cli.error.CliException;
import io.fathom.cli.runtime.Session;
import io.fathom.cli.runtime.SessionHolder;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fathom i mlflow run <COMMAND…>}: runs a command with {@code MLFLOW_TRACKING_URI}, a
 * short-lived {@code MLFLOW_TRACKING_TOKEN} and the {@code FATHOM_SDK_*} variables, and exits with
 * its exit status. Unlike other commands it is a plain {@link Callable}: its result is the child's
 * status, not 0.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a command (python3 train.py, mlflow ..., a shell script) with MLflow pointed at the",
      "platform: MLFLOW_TRACKING_URI, MLFLOW_TRACKING_TOKEN (a project token valid one hour)",
      "and the FATHOM_SDK_* variables. Everything after 'run' (or '--') is the command; its",
      "output is streamed and its exit status is this command's."
    })
public final class MlflowRunCommand implements Callable<Integer> {
  private CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "<COMMAND>",
      description = "The command and its arguments, e.g. python3 train.py --epochs 3.")
  List<String> command;

  /** Options end at the command's first word, so its own options are left for it. */
  @Spec
  void spec(CommandSpec spec) {
    this.spec = spec;
    spec.parser().stopAtPositional(true);
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    Session session = ((SessionHolder) spec.root().userObject()).session();
    TrackingEnvironment environment = TrackingEnvironment.mint(session);
    try {
      return ChildProcess.run(command, environment.variables(), session);
    } catch (IOException e) {
      throw new CliException(
          "command-not-started", "could not start '" + command.get(0) + "': " + e.getMessage());
    } finally {
      session.out().flush();
    }
  }
}
