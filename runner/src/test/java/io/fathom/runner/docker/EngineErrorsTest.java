package io.fathom.runner.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.DockerException;
import io.fathom.runner.InstanceSpec;
import io.fathom.runner.RunnerException;
import org.junit.jupiter.api.Test;

class EngineErrorsTest {
  private static final InstanceSpec.Resources GPU =
      new InstanceSpec.Resources(1, 1 << 30, 1, "small / nvidia-l4");
  private static final InstanceSpec.Resources CPU =
      new InstanceSpec.Resources(1, 1 << 30, 0, "small");

  @Test
  void nvidiaDriverError_isGpuUnavailableNamingTheGpu() {
    RunnerException e =
        EngineErrors.startFailure(
            "fathom-d-1",
            GPU,
            new DockerException(
                "Status 500: could not select device driver \"nvidia\" with capabilities: [[gpu]]",
                500));
    assertThat(e.code()).isEqualTo("gpu-unavailable");
    assertThat(e.getMessage()).contains("small / nvidia-l4", "could not select device driver");
  }

  @Test
  void otherEngineError_isStartFailed() {
    RunnerException e =
        EngineErrors.startFailure("fathom-d-1", CPU, new DockerException("bad mount", 400));
    assertThat(e.code()).isEqualTo("start-failed");
    assertThat(e.getMessage()).contains("fathom-d-1", "bad mount");
  }

  @Test
  void nvidiaWordsWithoutGpusAsked_isStillStartFailed() {
    assertThat(
            EngineErrors.startFailure("n", CPU, new DockerException("nvidia hook failed", 500))
                .code())
        .isEqualTo("start-failed");
  }

  @Test
  void noAnswer_isEngineUnavailable() {
    assertThat(
            EngineErrors.startFailure("n", CPU, new RuntimeException("Connection refused")).code())
        .isEqualTo("engine-unavailable");
  }

  @Test
  void engineMessage_unwrapsDockerJavasStatusAndJson() {
    assertThat(
            EngineErrors.engineMessage(
                "Status 500: {\"message\":\"could not select device driver \\\"nvidia\\\"\"}\n"))
        .isEqualTo("could not select device driver \"nvidia\"");
    assertThat(EngineErrors.engineMessage("plain words")).isEqualTo("plain words");
    assertThat(EngineErrors.engineMessage("Status 409: {not json")).isEqualTo("{not json");
  }
}
