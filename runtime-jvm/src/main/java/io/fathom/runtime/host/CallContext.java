package io.fathom.runtime.host;

import io.fathom.runtime.sdk.Context;
import io.fathom.runtime.sdk.Logger;
import java.util.Map;

/** The {@link Context} the host hands to the function: one per call, and one for {@code init}. */
record CallContext(
    String callId, long deadlineMs, Logger logger, Map<String, String> sdk, Map<String, String> env)
    implements Context {

  /** The context of {@code init}: no call id, no deadline. */
  static CallContext forInit(HostConfig config, JsonLog log) {
    return new CallContext(null, Long.MAX_VALUE, log.host(), config.sdk(), config.env());
  }

  static CallContext forCall(HostConfig config, JsonLog log, String callId, long deadlineMs) {
    return new CallContext(callId, deadlineMs, log.forCall(callId), config.sdk(), config.env());
  }

  @Override
  public long remainingMs() {
    return deadlineMs == Long.MAX_VALUE
        ? Long.MAX_VALUE
        : Math.max(0, deadlineMs - System.currentTimeMillis());
  }
}
