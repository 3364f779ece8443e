package io.fathom.builder.internal;

import io.fathom.builder.api.BuildException;
import io.fathom.scaffolds.Manifest;
import io.fathom.scaffolds.ManifestException;
import io.fathom.scaffolds.ManifestReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The source tree's {@code func.yaml}, read with the same reader the CLI and the control plane use.
 * A tree without one builds (no schemas, default entry point): the control plane checks uploads.
 */
final class FunctionManifest {
  private FunctionManifest() {}

  /**
   * @throws BuildException {@code invalid-manifest} when {@code func.yaml} is there but unusable
   */
  static Optional<Manifest> read(Path sourceDir) throws BuildException {
    Path file = sourceDir.resolve(Manifest.FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ManifestReader.read(Files.readString(file)));
    } catch (ManifestException e) {
      throw new BuildException("invalid-manifest", e.getMessage(), e);
    } catch (IOException e) {
      throw new BuildException(
          "source-unreadable", "Cannot read " + Manifest.FILE_NAME + ": " + e.getMessage(), e);
    }
  }
}
