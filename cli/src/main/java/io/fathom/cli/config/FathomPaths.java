package io.fathom.cli.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where the CLI keeps its files, as a pure function of the environment.
 *
 * <ul>
 *   <li>{@code configDir}: {@code $FATHOM_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/fathom}, else
 *       {@code ~/.config/fathom}; holds {@code config.json}.
 *   <li>{@code fathomHome}: {@code $FATHOM_HOME}, else {@code ~/.fathom}; a local control plane
 *       writes its {@code bootstrap-token} there.
 * </ul>
 *
 * Empty variables count as unset.
 */
public record FathomPaths(Path configDir, Path fathomHome) {
  public static final String CONFIG_DIR = "FATHOM_CONFIG_DIR";
  public static final String XDG_CONFIG_HOME = "XDG_CONFIG_HOME";
  public static final String FATHOM_HOME = "FATHOM_HOME";
  public static final String HOME = "HOME";

  public FathomPaths {
    Objects.requireNonNull(configDir, "configDir");
    Objects.requireNonNull(fathomHome, "fathomHome");
  }

  /** Resolves the paths from {@code env}; {@code userHome} is used when {@code HOME} is not set. */
  public static FathomPaths fromEnvironment(Map<String, String> env, Path userHome) {
    Path home = value(env, HOME) == null ? userHome : Path.of(value(env, HOME));
    Path configDir;
    if (value(env, CONFIG_DIR) != null) {
      configDir = Path.of(value(env, CONFIG_DIR));
    } else if (value(env, XDG_CONFIG_HOME) != null) {
      configDir = Path.of(value(env, XDG_CONFIG_HOME), "fathom");
    } else {
      configDir = home.resolve(".config").resolve("fathom");
    }
    Path fathomHome =
        value(env, FATHOM_HOME) != null
            ? Path.of(value(env, FATHOM_HOME))
            : home.resolve(".fathom");
    return new FathomPaths(configDir.toAbsolutePath(), fathomHome.toAbsolutePath());
  }

  public Path configFile() {
    return configDir.resolve("config.json");
  }

  public Path bootstrapTokenFile() {
    return fathomHome.resolve("bootstrap-token");
  }

  private static String value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value;
  }
}
