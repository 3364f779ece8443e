package io.fathom.cli.ml;

import io.fathom.cli.runtime.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Runs a command to completion with extra environment variables, copying its output to the
 * session's streams as it comes; Ctrl-C (our shutdown) stops it too.
 */
final class ChildProcess {
  private ChildProcess() {}

  static int run(List<String> command, Map<String, String> variables, Session session)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(session.environment());
    builder.environment().putAll(variables);
    builder.redirectInput(ProcessBuilder.Redirect.INHERIT);
    Process process = builder.start();
    Thread out = pump(process.getInputStream(), session.out());
    Thread err = pump(process.getErrorStream(), session.err());
    Thread stopper = new Thread(() -> stop(process));
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      int status = process.waitFor();
      out.join();
      err.join();
      return status;
    } finally {
      Runtime.getRuntime().removeShutdownHook(stopper);
    }
  }

  private static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
  }

  private static Thread pump(InputStream from, PrintStream to) {
    return Thread.ofVirtual()
        .start(
            () -> {
              try (from) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = from.read(buffer)) > 0) {
                  to.write(buffer, 0, n);
                  to.flush();
                }
              } catch (IOException closed) {
                // the process ended
              }
            });
  }
}
