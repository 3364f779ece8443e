package io.fathom.controlplane.source.archive;

/** Why an uploaded archive was refused; each has a stable kebab-case code for API clients. */
public enum RejectionReason {
  ABSOLUTE_PATH("archive-absolute-path"),
  PATH_TRAVERSAL("archive-path-traversal"),
  PATH_CONFLICT("archive-path-conflict"),
  LINK_ESCAPE("archive-link-escape"),
  SPECIAL_FILE("archive-special-file"),
  TOO_MANY_FILES("archive-too-many-files"),
  TOO_LARGE("archive-too-large"),
  COMPRESSION_RATIO("archive-compression-ratio"),
  DUPLICATE_PATH("archive-duplicate-path"),
  EMPTY("archive-empty"),
  MALFORMED("archive-malformed");

  private final String code;

  RejectionReason(String code) {
    this.code = code;
  }

  /** The stable code, e.g. {@code archive-path-traversal}. */
  public String code() {
    return code;
  }
}
