package io.fathom.runtime.model.infer;

/** An inference the server refuses or cannot do, with the HTTP status it stands for. */
public final class InferenceException extends RuntimeException {
  /** What went wrong, and the status the V2 endpoint answers with. */
  public enum Kind {
    BAD_REQUEST(400),
    UNKNOWN_MODEL(404),
    NOT_READY(503),
    FAILED(500);

    private final int status;

    Kind(int status) {
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final Kind kind;

  public InferenceException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public static InferenceException badRequest(String message) {
    return new InferenceException(Kind.BAD_REQUEST, message);
  }

  public Kind kind() {
    return kind;
  }
}
