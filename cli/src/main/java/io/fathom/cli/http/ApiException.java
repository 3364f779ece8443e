package io.fathom.cli.http;

import io.fathom.cli.error.CliException;

/** The control plane answered with an error: its status, code and message. */
public final class ApiException extends CliException {
  private final int status;

  public ApiException(int status, String code, String message) {
    super(code, message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
