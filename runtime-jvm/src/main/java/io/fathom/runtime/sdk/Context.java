package io.fathom.runtime.sdk;

import java.util.Map;

/** What a function knows about the call it is serving and the platform it runs on. */
public interface Context {

  /** The call's id ({@code X-Fathom-Call-Id}); {@code null} in {@link Function#init}. */
  String callId();

  /** The call's deadline in epoch milliseconds; {@link Long#MAX_VALUE} in {@link Function#init}. */
  long deadlineMs();

  /** Milliseconds left before the deadline, never negative. */
  long remainingMs();

  /** Writes JSON log lines that carry the call id. */
  Logger logger();

  /**
   * The platform settings: every {@code FATHOM_SDK_*} variable ({@code FATHOM_SDK_BASE_URL}, {@code
   * FATHOM_SDK_AUTHORIZATION}, {@code FATHOM_SDK_SERVICE_PATH_ML}, …), keyed by its full name.
   * Unmodifiable.
   */
  Map<String, String> sdk();

  /** The process environment (the function's {@code servingEnv} included). Unmodifiable. */
  Map<String, String> env();
}
