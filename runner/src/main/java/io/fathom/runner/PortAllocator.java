package io.fathom.runner;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Picks the {@code PORT} for a new instance on a host-networked engine: a port the kernel says is
 * free now (bind port 0 on all addresses, read it, release it), and not one handed out within the
 * last {@code quarantine}, since the instance it went to may not be listening on it yet.
 */
public final class PortAllocator {
  private static final int ATTEMPTS = 100;

  private final Duration quarantine;
  private final Clock clock;
  private final Map<Integer, Instant> handedOut = new HashMap<>();

  /** Keeps a port back for two minutes after handing it out: longer than any cold start. */
  public PortAllocator() {
    this(Duration.ofMinutes(2), Clock.systemUTC());
  }

  public PortAllocator(Duration quarantine, Clock clock) {
    if (quarantine.isNegative()) {
      throw new IllegalArgumentException("quarantine must not be negative, got " + quarantine);
    }
    this.quarantine = quarantine;
    this.clock = clock;
  }

  /**
   * @throws RunnerException {@code port-unavailable} when no free port turned up
   */
  public synchronized int allocate() throws RunnerException {
    Instant now = clock.instant();
    forgetExpired(now);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = freePort();
      if (!handedOut.containsKey(port)) {
        handedOut.put(port, now);
        return port;
      }
    }
    throw new RunnerException(
        "port-unavailable",
        "No free port found in " + ATTEMPTS + " tries (" + handedOut.size() + " held back).");
  }

  /** Whether {@code port} was handed out within the quarantine. */
  public synchronized boolean recentlyHandedOut(int port) {
    forgetExpired(clock.instant());
    return handedOut.containsKey(port);
  }

  private void forgetExpired(Instant now) {
    Instant cutoff = now.minus(quarantine);
    for (Iterator<Instant> it = handedOut.values().iterator(); it.hasNext(); ) {
      if (it.next().isBefore(cutoff)) {
        it.remove();
      }
    }
  }

  private static int freePort() throws RunnerException {
    try (ServerSocket socket = new ServerSocket()) {
      // Not reused: a port another process still listens on (any address) must fail to bind.
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new RunnerException(
          "port-unavailable", "Cannot bind a free port: " + e.getMessage(), e);
    }
  }
}
