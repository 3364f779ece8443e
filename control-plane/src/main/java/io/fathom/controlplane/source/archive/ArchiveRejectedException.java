package io.fathom.controlplane.source.archive;

import java.util.Objects;

/**
 * An uploaded archive was refused. {@link #code()} is stable for clients; the message names the
 * offending entry and says what to change. Nothing of a refused archive is kept.
 */
public class ArchiveRejectedException extends Exception {
  private final RejectionReason reason;

  public ArchiveRejectedException(RejectionReason reason, String message) {
    this(reason, message, null);
  }

  public ArchiveRejectedException(RejectionReason reason, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public RejectionReason reason() {
    return reason;
  }

  /** The stable kebab-case code, e.g. {@code archive-link-escape}. */
  public String code() {
    return reason.code();
  }
}
