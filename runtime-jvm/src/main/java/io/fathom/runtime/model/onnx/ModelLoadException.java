package io.fathom.runtime.model.onnx;

/**
 * The model cannot be served: ONNX Runtime refused it, or the execution provider asked for cannot
 * load. {@link #code()} is a stable kebab-case code.
 */
public final class ModelLoadException extends RuntimeException {
  private final String code;

  public ModelLoadException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public ModelLoadException(String code, String message) {
    this(code, message, null);
  }

  public String code() {
    return code;
  }
}
