package io.fathom.controlplane.deploy;

/**
 * Whether a running deployment has a live instance: {@code hot} (serving now) or {@code cold}
 * (scaled to zero after being idle; the next call starts one and is marked {@code coldStart}).
 */
public enum InstanceState {
  HOT("hot"),
  COLD("cold");

  private final String wire;

  InstanceState(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static InstanceState fromWire(String wire) {
    return wire == null ? null : wire.equals("hot") ? HOT : COLD;
  }
}
