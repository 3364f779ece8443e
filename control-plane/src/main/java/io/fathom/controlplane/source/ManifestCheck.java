package io.fathom.controlplane.source;

import io.fathom.controlplane.common.ApiException;
import io.fathom.controlplane.function.FunctionEntity;
import io.fathom.controlplane.source.archive.SourceEntry;
import io.fathom.controlplane.source.archive.SourceTree;
import io.fathom.scaffolds.Manifest;
import io.fathom.scaffolds.ManifestException;
import io.fathom.scaffolds.ManifestReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Checks an uploaded tree's {@code func.yaml} (when it has one) against the function: it must be a
 * valid manifest and declare the function's kind.
 */
final class ManifestCheck {
  private ManifestCheck() {}

  static Optional<Manifest> check(SourceTree tree, FunctionEntity function) {
    Optional<SourceEntry> file = tree.find(Manifest.FILE_NAME).filter(SourceEntry::isFile);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    Manifest manifest;
    try {
      manifest = ManifestReader.read(new String(file.get().content(), StandardCharsets.UTF_8));
    } catch (ManifestException e) {
      throw ApiException.badRequest("invalid-manifest", e.getMessage());
    }
    if (!manifest.kind().equals(function.kind())) {
      throw ApiException.badRequest(
          "manifest-kind-mismatch",
          "func.yaml declares kind '"
              + manifest.kind()
              + "' but function '"
              + function.name()
              + "' is '"
              + function.kind()
              + "'; fix func.yaml or create a function of that kind");
    }
    return Optional.of(manifest);
  }
}
