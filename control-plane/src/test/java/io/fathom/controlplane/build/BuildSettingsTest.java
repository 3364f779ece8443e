package io.fathom.controlplane.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.builder.api.WarmMavenSettings;
import io.fathom.controlplane.config.FathomHome;
import io.fathom.controlplane.config.PlaneId;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Build settings from their raw values: no application context. */
class BuildSettingsTest {
  @TempDir Path home;

  @Test
  void defaults_offlineImagesTheMavenMirrorUnderTheHome_andNoWheels() {
    BuildSettings settings = new BuildSettings(2, "", "", "", new FathomHome(home.toString()));
    assertThat(settings.baseImage("jvm21")).isEqualTo("docker://fathom/base-jvm21:latest");
    assertThat(settings.baseImage("go124")).isEqualTo("scratch");
    assertThat(settings.mavenMirror()).isEqualTo(home.resolve("maven-mirror"));
    assertThat(settings.cacheDir()).isEqualTo(home.resolve("builds").resolve("cache"));
    assertThat(settings.pythonWheels()).isEmpty();
    assertThat(settings.warmMaven()).isEqualTo(WarmMavenSettings.DEFAULT);
  }

  @Test
  void warmMaven_isConfigurable_zeroTurnsItOff_badValuesNameTheSetting() {
    FathomHome fathomHome = new FathomHome(home.toString());
    BuildSettings off = new BuildSettings(2, "", "", "", Duration.ofMinutes(3), 0, fathomHome);
    assertThat(off.warmMaven().enabled()).isFalse();
    assertThat(off.warmMaven().idleTimeout()).isEqualTo(Duration.ofMinutes(3));
    new JibImageBuilder(off, new PlaneId(fathomHome)).close();
    assertThatThrownBy(() -> new BuildSettings(2, "", "", "", Duration.ZERO, 2, fathomHome))
        .hasMessageContaining("fathom.builds.warm-maven.idle-timeout");
    assertThatThrownBy(
            () -> new BuildSettings(2, "", "", "", Duration.ofMinutes(1), -1, fathomHome))
        .hasMessageContaining("fathom.builds.warm-maven.max-containers");
  }

  @Test
  void mavenMirror_isConfigurable() {
    BuildSettings settings =
        new BuildSettings(1, "", "/srv/fathom/mirror", "", new FathomHome(home.toString()));
    assertThat(settings.mavenMirror()).isEqualTo(Path.of("/srv/fathom/mirror"));
    assertThatThrownBy(() -> new BuildSettings(0, "", "", "", new FathomHome(home.toString())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pythonWheels_aDirectoryWhenSet_andTheBuilderTakesIt() {
    FathomHome fathomHome = new FathomHome(home.toString());
    BuildSettings settings = new BuildSettings(2, "", "", home.toString(), fathomHome);
    assertThat(settings.pythonWheels()).contains(home.toAbsolutePath().normalize());
    new JibImageBuilder(settings, new PlaneId(fathomHome));
  }

  @Test
  void pythonWheels_thatIsNotADirectory_failsAtStartNamingTheSetting() {
    FathomHome fathomHome = new FathomHome(home.toString());
    assertThatThrownBy(
            () -> new BuildSettings(2, "", "", home.resolve("nope").toString(), fathomHome))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fathom.builds.python-wheels");
  }
}
