package io.fathom.cli.runtime;

/** Implemented by the root command: gives every subcommand the session of this invocation. */
public interface SessionHolder {
  Session session();
}
