package io.fathom.controlplane.call;

import java.util.UUID;

/** Calls made in memory for the store and recorder tests. */
final class TestCalls {
  private TestCalls() {}

  /** A sync call of the function that has just started running (no deployment, no output). */
  static Call running(UUID projectId, UUID functionId, String idempotencyKey) {
    var now = CallService.now();
    return new Call(
        UUID.randomUUID(),
        projectId,
        functionId,
        null,
        null,
        CallStatus.RUNNING,
        CallMode.SYNC,
        idempotencyKey,
        "hash",
        null,
        null,
        null,
        null,
        30,
        false,
        0L,
        null,
        null,
        null,
        now,
        now,
        null);
  }
}
