package io.fathom.controlplane.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fathom.controlplane.config.FathomHome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildSettingsTest {
  @TempDir Path dir;

  @Test
  void pythonWheels_unsetByDefault_aDirectoryWhenSet_andTheBuilderTakesIt() {
    FathomHome home = new FathomHome(dir.toString());
    assertThat(new BuildSettings(2, "", "", home).pythonWheels()).isEmpty();

    BuildSettings settings = new BuildSettings(2, "", dir.toString(), home);
    assertThat(settings.pythonWheels()).contains(dir.toAbsolutePath().normalize());
    new JibImageBuilder(settings);
  }

  @Test
  void pythonWheels_thatIsNotADirectory_failsAtStartNamingTheSetting() {
    FathomHome home = new FathomHome(dir.toString());
    assertThatThrownBy(() -> new BuildSettings(2, "", dir.resolve("nope").toString(), home))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fathom.builds.python-wheels");
  }
}
