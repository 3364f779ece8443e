package io.fathom.controlplane.function;

/** Serving sizes: CPUs and memory an instance of a function gets. */
public enum ServingSize implements WireEnums.Wire {
  SMALL("small", 1, 1),
  LARGE("large", 2, 4),
  LARGE_HIGH_MEM("large-high-mem", 2, 16),
  EXTRA_LARGE("extra-large", 4, 16);

  private final String wire;
  private final int cpus;
  private final int memoryGib;

  ServingSize(String wire, int cpus, int memoryGib) {
    this.wire = wire;
    this.cpus = cpus;
    this.memoryGib = memoryGib;
  }

  @Override
  public String wire() {
    return wire;
  }

  public int cpus() {
    return cpus;
  }

  public int memoryGib() {
    return memoryGib;
  }

  public static ServingSize parse(String value) {
    return WireEnums.parse(ServingSize.class, "serving-size", value);
  }
}
