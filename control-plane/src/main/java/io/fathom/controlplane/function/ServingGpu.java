package io.fathom.controlplane.function;

/** GPU variants a function can attach. */
public enum ServingGpu implements WireEnums.Wire {
  NVIDIA_L4("nvidia-l4", 1),
  NVIDIA_L4_2X("nvidia-l4-2x", 2);

  /** The value a PATCH sends to detach the GPU. */
  public static final String NONE = "none";

  private final String wire;
  private final int count;

  ServingGpu(String wire, int count) {
    this.wire = wire;
    this.count = count;
  }

  @Override
  public String wire() {
    return wire;
  }

  public int count() {
    return count;
  }

  public static ServingGpu parse(String value) {
    return WireEnums.parse(ServingGpu.class, "serving-gpu", value);
  }
}
