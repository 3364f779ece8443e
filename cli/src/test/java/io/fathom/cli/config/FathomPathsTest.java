package io.fathom.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FathomPathsTest {
  private static final Path FALLBACK_HOME = Path.of("/fallback-home");

  @Test
  void configDir_prefersFathomConfigDir() {
    FathomPaths paths =
        FathomPaths.fromEnvironment(
            Map.of("FATHOM_CONFIG_DIR", "/etc/fathom", "XDG_CONFIG_HOME", "/xdg", "HOME", "/h"),
            FALLBACK_HOME);

    assertThat(paths.configFile()).isEqualTo(Path.of("/etc/fathom/config.json"));
  }

  @Test
  void configDir_usesXdgConfigHomeNext() {
    FathomPaths paths =
        FathomPaths.fromEnvironment(Map.of("XDG_CONFIG_HOME", "/xdg", "HOME", "/h"), FALLBACK_HOME);

    assertThat(paths.configDir()).isEqualTo(Path.of("/xdg/fathom"));
  }

  @Test
  void configDir_defaultsToDotConfigUnderHome() {
    FathomPaths paths = FathomPaths.fromEnvironment(Map.of("HOME", "/h"), FALLBACK_HOME);

    assertThat(paths.configDir()).isEqualTo(Path.of("/h/.config/fathom"));
    assertThat(paths.fathomHome()).isEqualTo(Path.of("/h/.fathom"));
  }

  @Test
  void emptyVariables_countAsUnset() {
    FathomPaths paths =
        FathomPaths.fromEnvironment(
            Map.of("FATHOM_CONFIG_DIR", "", "XDG_CONFIG_HOME", " ", "FATHOM_HOME", "", "HOME", ""),
            FALLBACK_HOME);

    assertThat(paths.configDir()).isEqualTo(Path.of("/fallback-home/.config/fathom"));
    assertThat(paths.fathomHome()).isEqualTo(Path.of("/fallback-home/.fathom"));
  }

  @Test
  void bootstrapToken_isUnderFathomHome() {
    FathomPaths paths =
        FathomPaths.fromEnvironment(Map.of("FATHOM_HOME", "/srv/fathom"), FALLBACK_HOME);

    assertThat(paths.bootstrapTokenFile()).isEqualTo(Path.of("/srv/fathom/bootstrap-token"));
  }
}
