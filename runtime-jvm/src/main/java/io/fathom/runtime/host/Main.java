package io.fathom.runtime.host;

import io.fathom.runtime.sdk.Function;
import java.io.PrintStream;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Starts the function host: {@code java -cp <function>:<runtime-jvm>:<lib/*>
 * io.fathom.runtime.host.Main}, configured by the environment (see {@link HostConfig}).
 *
 * <p>Exit statuses: 0 after a drain (SIGTERM), 1 when it cannot start ({@code fathom-host: <cause>}
 * on stderr), {@value Stopper#EXIT_STUCK_CALL} when a call would not stop after its deadline (start
 * the host again).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // networknt's validator logs through SLF4J; with no provider SLF4J would print a warning that
    // is not a JSON line.
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
    int status = run(System.getenv(), JsonLog.stdout(), System.err, ExitAction.HALT);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Starts a host and returns 0 once it is ready (the HTTP server's threads keep the process
   * alive), or prints the start-up error and returns 1.
   */
  static int run(Map<String, String> env, JsonLog log, PrintStream err, ExitAction exit) {
    FunctionHost host = null;
    try {
      HostConfig config = HostConfig.from(env);
      Function function =
          new FunctionLoader(Main.class.getClassLoader()).load(config.functionClass());
      host = FunctionHost.start(config, function, log, exit);
      host.init();
      FunctionHost started = host;
      Runtime.getRuntime().addShutdownHook(new Thread(started::terminate, "fathom-drain"));
      exitWithParent(config.parentPid(), log);
      return 0;
    } catch (StartupException e) {
      if (host != null) {
        host.close();
      }
      err.println("fathom-host: " + e.getMessage());
      err.flush();
      return 1;
    }
  }

  /** Local runs: when the supervising script dies (even by SIGKILL), drain and exit too. */
  private static void exitWithParent(OptionalLong parentPid, JsonLog log) {
    if (parentPid.isEmpty()) {
      return;
    }
    ProcessHandle.of(parentPid.getAsLong())
        .map(ProcessHandle::onExit)
        .ifPresentOrElse(
            exited -> exited.thenRun(() -> parentGone(parentPid.getAsLong(), log)),
            () -> parentGone(parentPid.getAsLong(), log));
  }

  private static void parentGone(long pid, JsonLog log) {
    log.host().warn("parent process " + pid + " (FATHOM_PARENT_PID) ended; shutting down");
    System.exit(0);
  }
}
