package io.fathom.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

  @Test
  void allocate_givesBindablePortsNeverTheSameTwiceWithinTheQuarantine() throws Exception {
    PortAllocator ports = new PortAllocator();
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      int port = ports.allocate();
      assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
      assertThat(ports.recentlyHandedOut(port)).isTrue();
    }
    int port = ports.allocate();
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(port));
      assertThat(socket.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void quarantine_expires() throws Exception {
    MutableClock clock = new MutableClock();
    PortAllocator ports = new PortAllocator(Duration.ofSeconds(60), clock);
    int port = ports.allocate();
    clock.now = clock.now.plusSeconds(59);
    assertThat(ports.recentlyHandedOut(port)).isTrue();
    clock.now = clock.now.plusSeconds(2);
    assertThat(ports.recentlyHandedOut(port)).isFalse();
  }

  private static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-11-23T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
