package io.fathom.conformance;

/** The runtime contract against the go124 fixture, run with its local runner. */
class Go124ContractTest extends ContractSuite {
  @Override
  String kind() {
    return "go124";
  }
}
