package io.fathom.conformance;

import java.util.List;

/** The runtime contract against the go124 fixture's built image (static binary on scratch). */
class Go124ImageContractIT extends ImageContractSuite {
  @Override
  String kind() {
    return "go124";
  }

  @Override
  String baseImage() {
    return "scratch";
  }

  @Override
  List<String> offlineImages() {
    return List.of("go124-builder");
  }
}
