package io.fathom.conformance;

import java.util.List;

/** The runtime contract against the python310 fixture's built image (offline base). */
class Python310ImageContractIT extends ImageContractSuite {
  @Override
  String kind() {
    return "python310";
  }

  @Override
  String baseImage() {
    return "docker://fathom/base-python310:latest";
  }

  @Override
  List<String> offlineImages() {
    return List.of("python310");
  }
}
