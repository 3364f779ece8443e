package io.fathom.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlatformUrlTest {

  @Test
  void parse_dropsTrailingSlashes() {
    assertThat(PlatformUrl.parse("http://127.0.0.1:8080/").toString())
        .isEqualTo("http://127.0.0.1:8080");
  }

  @Test
  void parse_withoutScheme_usesHttpsForRemoteAndHttpForLoopback() {
    assertThat(PlatformUrl.parse("platform.dev.fthm.io").toString())
        .isEqualTo("https://platform.dev.fthm.io");
    assertThat(PlatformUrl.parse("localhost:8080").toString()).isEqualTo("http://localhost:8080");
    assertThat(PlatformUrl.parse("127.0.0.1:8080").toString()).isEqualTo("http://127.0.0.1:8080");
  }

  @Test
  void parse_rejectsOtherSchemes() {
    assertThatThrownBy(() -> PlatformUrl.parse("ftp://x")).hasMessageContaining("not an http");
  }

  @Test
  void isLoopback_onlyForLoopbackHosts() {
    assertThat(PlatformUrl.parse("http://127.0.0.1:8080").isLoopback()).isTrue();
    assertThat(PlatformUrl.parse("http://127.1.2.3").isLoopback()).isTrue();
    assertThat(PlatformUrl.parse("http://localhost").isLoopback()).isTrue();
    assertThat(PlatformUrl.parse("http://[::1]:8080").isLoopback()).isTrue();
    assertThat(PlatformUrl.parse("http://10.0.0.1").isLoopback()).isFalse();
    assertThat(PlatformUrl.parse("https://platform.dev.fthm.io").isLoopback()).isFalse();
  }
}
