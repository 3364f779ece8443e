package io.fathom.conformance;

/** The runtime contract against the jvm21 fixture, run with its local runner. */
class Jvm21ContractTest extends ContractSuite {
  @Override
  String kind() {
    return "jvm21";
  }
}
