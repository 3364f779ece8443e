package io.fathom.runtime.model.onnx;

import java.util.Locale;

/** Where the session runs ({@code FATHOM_ONNX_DEVICE}) and the provider that stands for it. */
public enum ExecutionDevice {
  CPU("CPUExecutionProvider"),
  CUDA("CUDAExecutionProvider");

  private final String provider;

  ExecutionDevice(String provider) {
    this.provider = provider;
  }

  /** ONNX Runtime's name for the execution provider. */
  public String provider() {
    return provider;
  }

  public static ExecutionDevice parse(String value) {
    for (ExecutionDevice d : values()) {
      if (d.name().equalsIgnoreCase(value)) {
        return d;
      }
    }
    throw new IllegalArgumentException("'" + value + "' is not a device; use cpu or cuda");
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
