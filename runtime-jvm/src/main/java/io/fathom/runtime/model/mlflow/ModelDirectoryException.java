package io.fathom.runtime.model.mlflow;

/** The model directory cannot be served; the message says what is wrong with it. */
public final class ModelDirectoryException extends RuntimeException {
  public ModelDirectoryException(String message) {
    super(message);
  }

  public ModelDirectoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
