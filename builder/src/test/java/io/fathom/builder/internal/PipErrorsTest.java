package io.fathom.builder.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.builder.api.BuildException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Classifying pip's output (lines as pip 23.0.1 in the python310 builder image prints them). */
class PipErrorsTest {
  private static final List<String> REFUSED =
      List.of(
          "Looking in indexes: http://u:****@127.0.0.1:9/simple",
          "WARNING: Retrying (Retry(total=0, connect=None, read=None, redirect=None, status=None))"
              + " after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection"
              + ".HTTPConnection object at 0x7f9089373e50>: Failed to establish a new connection:"
              + " [Errno 111] Connection refused')': /simple/fathom-tinydep/",
          "ERROR: Could not find a version that satisfies the requirement fathom-tinydep==1.0.0"
              + " (from versions: none)",
          "ERROR: No matching distribution found for fathom-tinydep==1.0.0");

  @Test
  void connectionRefused_withAnIndex_isPackageIndexUnreachable_withoutTheCredentials() {
    BuildException e = PipErrors.failed(1, REFUSED, Optional.of("http://u:pw@127.0.0.1:9/simple"));
    assertThat(e.code()).isEqualTo("package-index-unreachable");
    assertThat(e.getMessage())
        .contains("http://****@127.0.0.1:9/simple", "Connection refused")
        .doesNotContain("u:pw");
  }

  @Test
  void noMatchingDistribution_isDependencyInstallFailed_withPipsErrorLines() {
    BuildException e = PipErrors.failed(1, REFUSED.subList(2, 4), Optional.empty());
    assertThat(e.code()).isEqualTo("dependency-install-failed");
    assertThat(e.getMessage())
        .contains("exit code 1", "No matching distribution found for fathom-tinydep==1.0.0");
  }

  @Test
  void refusedLinesWithoutAnIndex_areNotBlamedOnAnIndex() {
    assertThat(PipErrors.failed(1, REFUSED, Optional.empty()).code())
        .isEqualTo("dependency-install-failed");
  }

  @Test
  void redact_dropsUserInfoOnly() {
    assertThat(PipErrors.redact("https://a:b@pypi.example:8443/simple/"))
        .isEqualTo("https://****@pypi.example:8443/simple/");
    assertThat(PipErrors.redact("http://10.0.0.1/simple")).isEqualTo("http://10.0.0.1/simple");
  }
}
