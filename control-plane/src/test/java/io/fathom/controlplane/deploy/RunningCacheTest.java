package io.fathom.controlplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The running-deployment cache: read once, forgotten on change, never re-filled with a stale read.
 */
class RunningCacheTest {
  private final RunningCache cache = new RunningCache();
  private final UUID fn = UUID.randomUUID();
  private final AtomicInteger reads = new AtomicInteger();

  @Test
  void aSecondAsk_isAnsweredFromMemory() {
    Deployment d = deployment();

    assertThat(cache.get(fn, id -> read(Optional.of(d)))).contains(d);
    assertThat(cache.get(fn, id -> read(Optional.empty()))).contains(d);
    assertThat(reads).hasValue(1);
  }

  @Test
  void noRunningDeployment_isKeptToo_untilForgotten() {
    Deployment d = deployment();
    assertThat(cache.get(fn, id -> read(Optional.empty()))).isEmpty();

    cache.forget(fn);

    assertThat(cache.get(fn, id -> read(Optional.of(d)))).contains(d);
    assertThat(reads).hasValue(2);
  }

  @Test
  void forgettingOneFunction_keepsTheOthers_andClearForgetsAll() {
    UUID other = UUID.randomUUID();
    cache.get(fn, id -> read(Optional.of(deployment())));
    cache.get(other, id -> read(Optional.of(deployment())));

    cache.forget(fn);
    cache.get(fn, id -> read(Optional.empty()));
    cache.get(other, id -> read(Optional.empty()));
    assertThat(reads).hasValue(3);

    cache.clear();
    cache.get(fn, id -> read(Optional.empty()));
    cache.get(other, id -> read(Optional.empty()));
    assertThat(reads).hasValue(5);
  }

  @Test
  void aReadThatRacedWithAChange_isReturnedButNotKept() {
    Deployment old = deployment();
    Deployment fresh = deployment();

    // The change lands (and forgets) while the read is in flight with the old answer.
    Optional<Deployment> raced =
        cache.get(
            fn,
            id -> {
              cache.forget(fn);
              return read(Optional.of(old));
            });

    assertThat(raced).contains(old);
    assertThat(cache.get(fn, id -> read(Optional.of(fresh)))).contains(fresh);
    assertThat(reads).hasValue(2);
  }

  private Optional<Deployment> read(Optional<Deployment> answer) {
    reads.incrementAndGet();
    return answer;
  }

  private Deployment deployment() {
    return new Deployment(
        UUID.randomUUID(),
        UUID.randomUUID(),
        fn,
        UUID.randomUUID(),
        1,
        "sha256:0",
        DeploymentStatus.RUNNING,
        InstanceState.HOT,
        0,
        null,
        null,
        null,
        null,
        Instant.now(),
        Instant.now(),
        null);
  }
}
