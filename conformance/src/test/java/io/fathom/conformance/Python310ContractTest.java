package io.fathom.conformance;

/** The runtime contract against the python310 fixture, run with its local runner. */
class Python310ContractTest extends ContractSuite {
  @Override
  String kind() {
    return "python310";
  }
}
