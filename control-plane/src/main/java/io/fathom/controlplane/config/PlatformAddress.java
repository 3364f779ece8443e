package io.fathom.controlplane.config;

import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

/**
 * The control plane's address as the instances it starts can reach it ({@code FATHOM_SDK_BASE_URL}
 * is built on it): {@code fathom.platform-url} when set, else this server on the loopback address
 * (instances use host networking on a single host).
 */
@Singleton
public class PlatformAddress {
  private final String configured;
  private final Provider<EmbeddedServer> server;

  public PlatformAddress(
      @Value("${fathom.platform-url:}") String configured, Provider<EmbeddedServer> server) {
    this.configured = configured;
    this.server = server;
  }

  /** E.g. {@code http://127.0.0.1:8080}, without a trailing slash. */
  public String url() {
    if (!configured.isBlank()) {
      return configured.endsWith("/")
          ? configured.substring(0, configured.length() - 1)
          : configured;
    }
    return "http://127.0.0.1:" + server.get().getPort();
  }
}
