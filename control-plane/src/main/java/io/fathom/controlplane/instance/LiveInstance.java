package io.fathom.controlplane.instance;

import java.net.URI;
import java.time.Instant;

/** An instance of a workload that was ready: where to reach it and since when. */
public record LiveInstance(String instanceId, int port, Instant startedAt) {
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
