package io.fathom.controlplane.mlflow.models;

/** An MLmodel file that cannot be used; the message says what is wrong, for status_message. */
public class MlModelException extends RuntimeException {
  public MlModelException(String message) {
    super(message);
  }
}
