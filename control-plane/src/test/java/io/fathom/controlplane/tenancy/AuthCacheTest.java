package io.fathom.controlplane.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuthCacheTest {
  private final AuthCache cache = new AuthCache();

  private static Caller caller(UUID tokenId) {
    return new Caller(UUID.randomUUID(), "u", false, tokenId, "t", UUID.randomUUID(), null);
  }

  @Test
  void aCachedCaller_isForgottenWhenItsTokenIsRevoked() {
    UUID token = UUID.randomUUID();
    cache.putCaller("h1", caller(token), null);
    cache.putCaller("h2", caller(UUID.randomUUID()), null);
    assertThat(cache.caller("h1")).isPresent();

    cache.forgetToken(token);

    assertThat(cache.caller("h1")).isEmpty();
    assertThat(cache.caller("h2")).isPresent();
  }

  @Test
  void anEntryNeverOutlivesItsTokensExpiry() {
    cache.putCaller("expired", caller(UUID.randomUUID()), Instant.now().minusSeconds(1));
    assertThat(cache.caller("expired")).isEmpty();
  }

  @Test
  void anEntryLastsAtMostTheTtl() throws InterruptedException {
    cache.putCaller("soon", caller(UUID.randomUUID()), Instant.now().plusMillis(150));
    assertThat(cache.caller("soon")).isPresent();
    Thread.sleep(250);
    assertThat(cache.caller("soon")).isEmpty();
  }
}
