package io.fathom.conformance;

/** The runtime contract against the rust186 fixture, run with its local runner. */
class Rust186ContractTest extends ContractSuite {
  @Override
  String kind() {
    return "rust186";
  }
}
