package io.fathom.runtime.host;

import io.fathom.runtime.sdk.Logger;
import java.time.Duration;

/**
 * The one way the host ends: stop taking calls ({@code /_/ready} and new calls answer 503
 * draining), wait for the calls in flight up to {@code FATHOM_DRAIN_SECONDS}, then exit.
 *
 * <p>Two paths lead here: SIGTERM (through the shutdown hook; exit status 0, as the contract says)
 * and a call that would not stop after its deadline (exit status {@link #EXIT_STUCK_CALL}, so the
 * platform, or {@code local.sh}, starts a fresh process).
 */
final class Stopper {
  /** Exit status after a call outlived its deadline (EX_TEMPFAIL: start the host again). */
  static final int EXIT_STUCK_CALL = 75;

  private final CallGate gate;
  private final Duration drain;
  private final Logger log;
  private final ExitAction exit;

  Stopper(CallGate gate, Duration drain, Logger log, ExitAction exit) {
    this.gate = gate;
    this.drain = drain;
    this.log = log;
    this.exit = exit;
  }

  /** SIGTERM (the shutdown hook): drain, then exit 0. */
  void terminate() {
    drainAndExit(0, "shutting down (SIGTERM, SIGINT or exit)");
  }

  /** A call's thread outlived its deadline by {@code grace}: drain, then exit 75. */
  void stuck(String callId, Duration grace) {
    drainAndExit(
        EXIT_STUCK_CALL,
        "call "
            + callId
            + " did not stop within "
            + grace.toMillis()
            + " ms after its deadline interrupted it (FATHOM_STOP_GRACE_MS); the process exits"
            + " with status "
            + EXIT_STUCK_CALL
            + " so that it is replaced");
  }

  private void drainAndExit(int status, String reason) {
    boolean first = gate.startDraining();
    if (status == 0) {
      log.info(reason);
    } else {
      log.error(reason);
    }
    if (first) {
      log.info("draining: " + gate.inFlight() + " call(s) in flight");
    }
    try {
      if (!gate.awaitIdle(drain)) {
        log.warn(
            gate.inFlight()
                + " call(s) still in flight after FATHOM_DRAIN_SECONDS="
                + drain.toSeconds()
                + "; exiting anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("exiting with status " + status);
    exit.exit(status);
  }
}
