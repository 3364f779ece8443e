package io.fathom.conformance;

import java.util.List;

/** The runtime contract against the rust189 fixture's built image (static binary on scratch). */
class Rust189ImageContractIT extends ImageContractSuite {
  @Override
  String kind() {
    return "rust189";
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
