package io.fathom.cli.local;

import io.fathom.cli.error.CliException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the kinds' scaffolding lives on disk: {@code FATHOM_TEMPLATES_DIR}, else the {@code
 * templates/} folder of the checkout this CLI was built in.
 */
final class TemplatesDir {
  static final String VARIABLE = "FATHOM_TEMPLATES_DIR";

  private TemplatesDir() {}

  static Path locate(Map<String, String> env) {
    Optional<Path> dir =
        Optional.ofNullable(env.get(VARIABLE)).filter(s -> !s.isBlank()).map(Path::of);
    if (dir.isEmpty()) {
      dir = fromCheckout();
    }
    return dir.filter(Files::isDirectory)
        .orElseThrow(
            () ->
                new CliException(
                    "templates-not-found",
                    "cannot find the function templates; set "
                        + VARIABLE
                        + " to the templates/ folder of a Fathom checkout"));
  }

  /** Walks up from this class's location (cli/target/classes or cli/target/cli.jar). */
  private static Optional<Path> fromCheckout() {
    try {
      Path here =
          Path.of(TemplatesDir.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path p = here; p != null; p = p.getParent()) {
        Path candidate = p.resolve("templates");
        if (Files.isDirectory(candidate.resolve("python310"))) {
          return Optional.of(candidate);
        }
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
