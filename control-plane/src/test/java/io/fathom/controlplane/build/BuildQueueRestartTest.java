package io.fathom.controlplane.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a control plane finds at start: builds a dead process left running, and queued ones. */
@MicronautTest(transactional = false)
class BuildQueueRestartTest extends BuildTestSupport {
  private final FakeImageBuilder fake = new FakeImageBuilder();

  @Inject BuildStore store;
  @Inject BuildQueue queue;

  @MockBean(ImageBuilder.class)
  ImageBuilder imageBuilder() {
    return fake;
  }

  @Test
  void start_failsBuildsLeftRunningAsInterrupted_thenRunsTheQueuedOnes() throws Exception {
    Tenant t = newTenant();
    String fn = newFunction(t, "python310", Map.of());
    Build left = row(t, fn, BuildStatus.RUNNING, "key-left");
    Build waiting = row(t, fn, BuildStatus.QUEUED, "key-waiting");

    int sweeps = fake.leftoverSweeps.get();
    queue.start();

    assertThat(fake.leftoverSweeps.get())
        .as("builder containers of dead builds removed")
        .isGreaterThan(sweeps);
    JsonNode dead = getBuild(t, fn, left.id().toString());
    assertThat(dead.get("status").asText()).isEqualTo("failed");
    assertThat(dead.get("error").get("code").asText()).isEqualTo("interrupted");
    assertThat(dead.get("finishedAt").isNull()).isFalse();
    JsonNode ran = await(t, fn, waiting.id().toString(), null, Duration.ofSeconds(20));
    assertThat(ran.get("status").asText()).isEqualTo("succeeded");
    assertThat(ran.get("startedAt").isNull()).isFalse();
  }

  private Build row(Tenant t, String fn, BuildStatus status, String key) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Build build =
        new Build(
            UUID.randomUUID(),
            t.project().id(),
            UUID.fromString(fn),
            1,
            "sha256:" + "c".repeat(64),
            false,
            status,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            key,
            now,
            status == BuildStatus.RUNNING ? now : null,
            null,
            null);
    store.insert(build);
    return build;
  }
}
