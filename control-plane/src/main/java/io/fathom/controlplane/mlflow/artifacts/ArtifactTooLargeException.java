package io.fathom.controlplane.mlflow.artifacts;

/** An upload went past the artifact size limit; nothing was stored. */
public class ArtifactTooLargeException extends RuntimeException {
  private final long limit;

  public ArtifactTooLargeException(long limit) {
    super(
        "The artifact is larger than the limit of "
            + limit
            + " bytes (fathom.artifacts.max-upload-bytes)");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
