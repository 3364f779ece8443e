package io.fathom.conformance;

import java.util.List;

/** The runtime contract against the rust186 fixture's built image (static binary on scratch). */
class Rust186ImageContractIT extends ImageContractSuite {
  @Override
  String kind() {
    return "rust186";
  }

  @Override
  String baseImage() {
    return "scratch";
  }

  @Override
  List<String> offlineImages() {
    return List.of("rust-builder");
  }
}
