package io.fathom.controlplane.mlflow.models;

import java.util.Map;

/** What a logged model is, from its MLmodel flavors; {@link #wire()} is the platform's name. */
public enum ModelKind {
  ONNX("onnx", "onnx"),
  SKLEARN("sklearn", "sklearn"),
  PYTORCH("pytorch", "pytorch"),
  HUGGING_FACE("hugging-face", "transformers"),
  UNKNOWN("unknown", null);

  private final String wire;
  private final String flavor;

  ModelKind(String wire, String flavor) {
    this.wire = wire;
    this.flavor = flavor;
  }

  public String wire() {
    return wire;
  }

  /** The first kind, in declaration order, whose flavor the model has; else {@link #UNKNOWN}. */
  public static ModelKind of(Map<String, ?> flavors) {
    for (ModelKind kind : values()) {
      if (kind.flavor != null && flavors.containsKey(kind.flavor)) {
        return kind;
      }
    }
    return UNKNOWN;
  }

  public static ModelKind fromWire(String wire) {
    for (ModelKind kind : values()) {
      if (kind.wire.equals(wire)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("Unknown model kind " + wire);
  }
}
