package io.fathom.controlplane.function;

/** The build environment of a function: its language and toolchain. */
public enum FunctionKind implements WireEnums.Wire {
  PYTHON310("python310"),
  GO124("go124"),
  RUST189("rust189"),
  RUST186("rust186"),
  JVM21("jvm21");

  private final String wire;

  FunctionKind(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }

  public static FunctionKind parse(String value) {
    return WireEnums.parse(FunctionKind.class, "kind", value);
  }
}
