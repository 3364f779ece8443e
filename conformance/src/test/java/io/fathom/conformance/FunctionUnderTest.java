package io.fathom.conformance;

import java.time.Duration;

/**
 * A kind's fixture function serving the runtime contract on {@code 127.0.0.1:port()}: a local
 * process ({@link LocalFunction}) or a container of its built image ({@link ImageFunction}).
 */
interface FunctionUnderTest extends AutoCloseable {
  int port();

  /** Everything it wrote to stdout and stderr so far. */
  String output();

  /** Polls {@code /_/ready}; fails with the function's output if it never gets ready. */
  void awaitReady(Duration timeout) throws Exception;

  /** Sends SIGTERM (only: its output keeps being collected). */
  void sigterm() throws Exception;

  /**
   * Its exit status once it has exited, or {@code null} if it is still running after {@code
   * timeout}.
   */
  Integer awaitExit(Duration timeout) throws Exception;

  @Override
  void close() throws Exception;
}
