package io.fathom.cli.config;

import io.fathom.cli.error.CliException;
import java.util.Collection;

/** A context name that is not in the configuration; the message lists the known names. */
public final class UnknownContextException extends CliException {
  public UnknownContextException(String name, Collection<String> known) {
    super("unknown-context", message(name, known));
  }

  private static String message(String name, Collection<String> known) {
    if (known.isEmpty()) {
      return "unknown context '" + name + "': no contexts are configured, run 'fathom login <URL>'";
    }
    return "unknown context '" + name + "'; known contexts: " + String.join(", ", known);
  }
}
