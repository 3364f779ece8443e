package io.fathom.controlplane.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.controlplane.support.ApiTestBase;
import io.fathom.controlplane.support.DeployFixture;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A sync call answers with the call built in memory ({@link Call#ended}) instead of reading its row
 * back: that must be exactly the row {@link CallStore#finish} leaves, for every kind of outcome.
 */
@MicronautTest(transactional = false)
class CallEndedTest extends ApiTestBase {
  private final DeployFixture fx = new DeployFixture(this::call);

  @Inject CallStore store;

  @Test
  void aSucceededCall_inMemory_isTheStoredRow() {
    assertEndedIsStored(
        new CallOutcome(CallStatus.SUCCEEDED, "{\"value\":1}", null, null, true, 812, 3));
  }

  @Test
  void aFailedCall_withAnErrorLongerThanKept_inMemory_isTheStoredRow() {
    assertEndedIsStored(CallOutcome.failed("function-error", "x".repeat(9000)));
  }

  @Test
  void aTimedOutCall_inMemory_isTheStoredRow() {
    assertEndedIsStored(
        new CallOutcome(CallStatus.TIMED_OUT, null, "timeout", "too slow", false, 0, 1500));
  }

  private void assertEndedIsStored(CallOutcome outcome) {
    Tenant t = newTenant();
    UUID fn = UUID.fromString(fx.function(t, Map.of()));
    Call running = TestCalls.running(t.project().id(), fn, "key-" + UUID.randomUUID());
    var now = running.createdAt();
    store.insert(running);
    var end = now.plus(Duration.ofMillis(1234));

    assertThat(store.finish(running.id(), CallStatus.RUNNING, outcome, 1234, end)).isTrue();

    Call inMemory = running.ended(outcome, 1234, end);
    assertThat(inMemory).isEqualTo(store.find(running.id()).orElseThrow());
    assertThat(inMemory.status()).isEqualTo(outcome.status());
  }
}
