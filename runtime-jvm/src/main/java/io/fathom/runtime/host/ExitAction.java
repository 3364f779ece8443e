package io.fathom.runtime.host;

/**
 * Ends the process. Injected so that tests can watch the host decide to exit without the JVM going
 * away.
 */
@FunctionalInterface
public interface ExitAction {

  /** Flushes stdout and stderr, then halts: no shutdown hooks run (the host drained already). */
  ExitAction HALT =
      status -> {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status);
      };

  void exit(int status);
}
