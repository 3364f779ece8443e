package io.fathom.conformance;

/** The runtime contract against the rust189 fixture, run with its local runner. */
class Rust189ContractTest extends ContractSuite {
  @Override
  String kind() {
    return "rust189";
  }
}
