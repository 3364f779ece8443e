package io.fathom.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostConfigTest {

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "8080");
    env.put("FATHOM_FUNCTION_CLASS", "com.example.Handler");
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void from_appliesTheContractDefaults() {
    HostConfig config = HostConfig.from(env());

    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.functionClass()).isEqualTo("com.example.Handler");
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.drain()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.workers()).isEqualTo(16);
    assertThat(config.maxBodyBytes()).isEqualTo(6L * 1024 * 1024);
    assertThat(config.stopGrace()).isEqualTo(Duration.ofMillis(2000));
    assertThat(config.inputSchema()).isEmpty();
    assertThat(config.outputSchema()).isEmpty();
    assertThat(config.parentPid()).isEmpty();
  }

  @Test
  void from_readsEverySetting() {
    HostConfig config =
        HostConfig.from(
            env(
                "FATHOM_TIMEOUT_SECONDS", "5",
                "FATHOM_DRAIN_SECONDS", "0",
                "FATHOM_WORKERS", "3",
                "FATHOM_MAX_BODY_BYTES", "1024",
                "FATHOM_INPUT_SCHEMA_FILE", "/schemas/in.json",
                "FATHOM_OUTPUT_SCHEMA_FILE", " /schemas/out.json ",
                "FATHOM_STOP_GRACE_MS", "250",
                "FATHOM_PARENT_PID", "42"));

    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.drain()).isZero();
    assertThat(config.workers()).isEqualTo(3);
    assertThat(config.maxBodyBytes()).isEqualTo(1024);
    assertThat(config.inputSchema()).contains(Path.of("/schemas/in.json"));
    assertThat(config.outputSchema()).contains(Path.of("/schemas/out.json"));
    assertThat(config.stopGrace()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.parentPid()).hasValue(42);
  }

  @Test
  void from_collectsTheSdkVariablesAndKeepsTheWholeEnvironment() {
    HostConfig config =
        HostConfig.from(
            env(
                "FATHOM_SDK_BASE_URL", "http://platform/",
                "FATHOM_SDK_SERVICE_PATH_ML", "/v1/ml",
                "OTHER", "x"));

    assertThat(config.sdk())
        .containsOnly(
            Map.entry("FATHOM_SDK_BASE_URL", "http://platform/"),
            Map.entry("FATHOM_SDK_SERVICE_PATH_ML", "/v1/ml"));
    assertThat(config.env()).containsEntry("OTHER", "x").containsEntry("PORT", "8080");
  }

  @Test
  void from_treatsBlankValuesAsAbsent() {
    HostConfig config =
        HostConfig.from(env("FATHOM_INPUT_SCHEMA_FILE", "", "FATHOM_TIMEOUT_SECONDS", " "));

    assertThat(config.inputSchema()).isEmpty();
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void from_refusesAMissingPortNamingIt() {
    Map<String, String> env = env();
    env.remove("PORT");

    assertThatThrownBy(() -> HostConfig.from(env))
        .isInstanceOf(StartupException.class)
        .hasMessageStartingWith("PORT is not set");
  }

  @Test
  void from_refusesAMissingFunctionClassNamingIt() {
    Map<String, String> env = env();
    env.remove("FATHOM_FUNCTION_CLASS");

    assertThatThrownBy(() -> HostConfig.from(env))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("FATHOM_FUNCTION_CLASS is not set")
        .hasMessageContaining("entryPoint");
  }

  @ParameterizedTest
  @CsvSource({
    "PORT, http",
    "PORT, 65536",
    "PORT, -1",
    "FATHOM_TIMEOUT_SECONDS, 0",
    "FATHOM_TIMEOUT_SECONDS, 1.5",
    "FATHOM_DRAIN_SECONDS, -3",
    "FATHOM_WORKERS, 0",
    "FATHOM_MAX_BODY_BYTES, lots",
    "FATHOM_STOP_GRACE_MS, 2s",
    "FATHOM_PARENT_PID, 0"
  })
  void from_refusesABadValueNamingTheVariable(String name, String value) {
    assertThatThrownBy(() -> HostConfig.from(env(name, value)))
        .isInstanceOf(StartupException.class)
        .hasMessageStartingWith(name + " must be a whole number")
        .hasMessageContaining("'" + value + "'");
  }

  @Test
  void config_isImmutable() {
    HostConfig config = HostConfig.from(env("FATHOM_SDK_PROJECT_ID", "p"));

    assertThatThrownBy(() -> config.sdk().put("FATHOM_SDK_X", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> config.env().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
