package io.fathom.controlplane.call;

import io.fathom.controlplane.common.ApiException;

/** {@code sync}: the request waits for the output. {@code async}: 202 at once, a worker runs it. */
public enum CallMode {
  SYNC("sync"),
  ASYNC("async");

  private final String wire;

  CallMode(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static CallMode parse(String value) {
    if (value == null || value.isBlank() || value.equals("sync")) {
      return SYNC;
    }
    if (value.equals("async")) {
      return ASYNC;
    }
    throw ApiException.badRequest(
        "invalid-mode", "mode must be sync or async, got '" + value + "'");
  }
}
