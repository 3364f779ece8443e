package io.fathom.scaffolds;

/** A {@code func.yaml} that cannot be used; the message names the field and the line. */
public class ManifestException extends Exception {
  private final String field;
  private final int line;

  public ManifestException(String field, int line, String message) {
    super(
        Manifest.FILE_NAME
            + (line > 0 ? " line " + line : "")
            + (field.isEmpty() ? "" : " (" + field + ")")
            + ": "
            + message);
    this.field = field;
    this.line = line;
  }

  /** The dotted path of the offending field ({@code serving.timeoutSeconds}), or empty. */
  public String field() {
    return field;
  }

  /** The 1-based line in the file, or 0 when unknown. */
  public int line() {
    return line;
  }
}
