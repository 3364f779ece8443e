package io.fathom.runner.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.fathom.runner.Instance;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerMapperTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private static InspectContainerResponse container(String status, String startedAt, boolean oom)
      throws Exception {
    return JSON.readValue(
        """
        {"Id":"c0ffee","Name":"/fathom-d-1","Image":"sha256:abc",
         "State":{"Status":"%s","Running":false,"OOMKilled":%s,"ExitCode":137,
                  "StartedAt":"%s","FinishedAt":"2026-11-23T06:40:00Z"},
         "Config":{"Image":"fathom/fn-x:v1",
                   "Labels":{"io.fathom.managed":"true","io.fathom.port":"41000","d":"1"}}}
        """
            .formatted(status, oom, startedAt),
        InspectContainerResponse.class);
  }

  @Test
  void exitedOomKilled_isReadBack() throws Exception {
    Instance instance =
        ContainerMapper.instance(container("exited", "2026-11-23T06:39:59.5Z", true));
    assertThat(instance)
        .isEqualTo(
            new Instance(
                "c0ffee",
                "fathom-d-1",
                "fathom/fn-x:v1",
                41000,
                Instance.State.EXITED,
                Map.of("io.fathom.managed", "true", "io.fathom.port", "41000", "d", "1"),
                Instant.parse("2026-11-23T06:39:59.5Z"),
                137,
                true));
  }

  @Test
  void neverStarted_hasNoStartTimeNorExitCode() throws Exception {
    Instance instance =
        ContainerMapper.instance(container("created", "0001-01-01T00:00:00Z", false));
    assertThat(instance.state()).isEqualTo(Instance.State.CREATED);
    assertThat(instance.startedAt()).isNull();
    assertThat(instance.exitCode()).isNull();
  }

  @Test
  void states_mapToOurs() {
    assertThat(ContainerMapper.state("running")).isEqualTo(Instance.State.RUNNING);
    assertThat(ContainerMapper.state("restarting")).isEqualTo(Instance.State.RUNNING);
    assertThat(ContainerMapper.state("dead")).isEqualTo(Instance.State.EXITED);
    assertThat(ContainerMapper.state("removing")).isEqualTo(Instance.State.EXITED);
  }

  @Test
  void port_fromLabel_zeroWhenAbsentOrGarbled() {
    assertThat(ContainerMapper.port(Map.of("io.fathom.port", "8080"))).isEqualTo(8080);
    assertThat(ContainerMapper.port(Map.of("io.fathom.port", "x"))).isZero();
    assertThat(ContainerMapper.port(Map.of("io.fathom.port", "70000"))).isZero();
    assertThat(ContainerMapper.port(Map.of())).isZero();
  }
}
