package io.fathom.controlplane.build;

import static io.fathom.controlplane.build.BuildStatus.CANCELLED;
import static io.fathom.controlplane.build.BuildStatus.FAILED;
import static io.fathom.controlplane.build.BuildStatus.QUEUED;
import static io.fathom.controlplane.build.BuildStatus.RUNNING;
import static io.fathom.controlplane.build.BuildStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuildStatusTest {
  private static final Map<BuildStatus, Set<BuildStatus>> ALLOWED =
      Map.of(
          QUEUED, EnumSet.of(RUNNING, CANCELLED, FAILED),
          RUNNING, EnumSet.of(SUCCEEDED, FAILED, CANCELLED),
          SUCCEEDED, EnumSet.noneOf(BuildStatus.class),
          FAILED, EnumSet.noneOf(BuildStatus.class),
          CANCELLED, EnumSet.noneOf(BuildStatus.class));

  @Test
  void canMoveTo_allowsExactlyTheDocumentedMoves() {
    for (BuildStatus from : BuildStatus.values()) {
      for (BuildStatus to : BuildStatus.values()) {
        assertThat(from.canMoveTo(to))
            .as("%s -> %s", from, to)
            .isEqualTo(ALLOWED.get(from).contains(to));
      }
    }
  }

  @Test
  void moveTo_throwsOnAnIllegalMove_andReturnsTheNextStatusOtherwise() {
    assertThat(QUEUED.moveTo(RUNNING)).isEqualTo(RUNNING);
    assertThatThrownBy(() -> SUCCEEDED.moveTo(FAILED))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a succeeded build cannot become failed");
    assertThatThrownBy(() -> RUNNING.moveTo(QUEUED)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void finishedStatuses_areTheTerminalOnes() {
    assertThat(EnumSet.allOf(BuildStatus.class).stream().filter(BuildStatus::isFinished))
        .containsExactlyInAnyOrder(SUCCEEDED, FAILED, CANCELLED);
  }

  @Test
  void wireNames_roundTrip_andUnknownNamesListTheValidOnes() {
    for (BuildStatus status : BuildStatus.values()) {
      assertThat(BuildStatus.fromWire(status.wire())).isEqualTo(status);
    }
    assertThatThrownBy(() -> BuildStatus.fromWire("done"))
        .hasMessageContaining("queued, running, succeeded, failed, cancelled");
  }

  @Test
  void configKey_changesWithEveryInput_butNotWithEnvOrder() {
    String digest = "sha256:" + "a".repeat(64);
    String key = ConfigKey.of("python310", digest, Map.of("A", "1", "B", "2"), "docker://b");
    assertThat(key).hasSize(64);
    assertThat(
            ConfigKey.of(
                "python310",
                digest,
                new java.util.TreeMap<>(Map.of("B", "2", "A", "1")),
                "docker://b"))
        .isEqualTo(key);
    assertThat(ConfigKey.of("go124", digest, Map.of("A", "1", "B", "2"), "docker://b"))
        .isNotEqualTo(key);
    assertThat(
            ConfigKey.of(
                "python310", "sha256:" + "b".repeat(64), Map.of("A", "1", "B", "2"), "docker://b"))
        .isNotEqualTo(key);
    assertThat(ConfigKey.of("python310", digest, Map.of("A", "1", "B", "3"), "docker://b"))
        .isNotEqualTo(key);
    assertThat(ConfigKey.of("python310", digest, Map.of("A", "1", "B", "2"), "docker://c"))
        .isNotEqualTo(key);
  }
}
