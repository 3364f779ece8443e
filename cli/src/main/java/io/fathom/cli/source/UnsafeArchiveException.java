package io.fathom.cli.source;

import io.fathom.cli.error.CliException;

/** A downloaded archive entry that would land outside the target directory, or is not allowed. */
public final class UnsafeArchiveException extends CliException {
  public UnsafeArchiveException(String entry, String reason) {
    super("unsafe-archive", "refusing archive entry '" + entry + "': " + reason);
  }
}
