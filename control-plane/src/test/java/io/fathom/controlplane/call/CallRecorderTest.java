package io.fathom.controlplane.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.controlplane.support.ApiTestBase;
import io.fathom.controlplane.support.DeployFixture;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Sync calls recorded behind their answers: readable by id from the moment they start, in the
 * database once written, and a reader that waits sees every record queued before it.
 */
@MicronautTest(transactional = false)
class CallRecorderTest extends ApiTestBase {
  private final DeployFixture fx = new DeployFixture(this::call);

  @Inject CallRecorder recorder;
  @Inject CallStore store;

  @Test
  void aRunningCall_isReadableById_beforeAnythingIsWritten() {
    Tenant t = newTenant();
    UUID fn = UUID.fromString(fx.function(t, Map.of()));
    Call running = running(t.project().id(), fn);

    recorder.started(running);

    assertThat(recorder.find(t.project().id(), fn, running.id())).contains(running);
    assertThat(store.find(running.id())).as("nothing written while it runs").isEmpty();
  }

  @Test
  void anEndedCall_isWritten_andAReaderThatWaits_seesIt() throws Exception {
    Tenant t = newTenant();
    UUID fn = UUID.fromString(fx.function(t, Map.of()));
    List<Call> ended = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Call running = running(t.project().id(), fn);
      recorder.started(running);
      Call done =
          running.ended(
              new CallOutcome(CallStatus.SUCCEEDED, "{\"i\":" + i + "}", null, null, false, 0, 1),
              2,
              running.createdAt().plusMillis(2));
      recorder.ended(done);
      ended.add(done);
    }

    recorder.awaitWritten(Duration.ofSeconds(10));

    for (Call done : ended) {
      assertThat(store.find(done.id())).contains(done);
    }
    assertThat(store.count(t.project().id(), fn, new CallStore.Query(null, null, null)))
        .isEqualTo(300);
  }

  @Test
  void anotherProjectsCall_isNotFound_inMemory() {
    Tenant t = newTenant();
    UUID fn = UUID.fromString(fx.function(t, Map.of()));
    Call running = running(t.project().id(), fn);
    recorder.started(running);

    assertThat(recorder.find(UUID.randomUUID(), fn, running.id())).isEmpty();
    assertThat(recorder.find(t.project().id(), UUID.randomUUID(), running.id())).isEmpty();
  }

  private static Call running(UUID projectId, UUID functionId) {
    return TestCalls.running(projectId, functionId, null);
  }
}
