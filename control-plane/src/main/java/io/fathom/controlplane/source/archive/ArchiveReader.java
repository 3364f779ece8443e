package io.fathom.controlplane.source.archive;

import static io.fathom.controlplane.source.archive.RejectionReason.MALFORMED;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads an untrusted source archive into a {@link SourceTree}, or refuses it whole with an {@link
 * ArchiveRejectedException} naming the entry and the rule it broke. Limits are enforced while
 * reading; sizes declared in headers are never trusted. The caller's stream is left open.
 */
public final class ArchiveReader {
  private final Path tempDir;

  /** A reader that spools zip uploads to the system's temporary directory. */
  public ArchiveReader() {
    this(Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** A reader that spools zip uploads to {@code tempDir}; the spooled file is always deleted. */
  public ArchiveReader(Path tempDir) {
    this.tempDir = Objects.requireNonNull(tempDir, "tempDir");
  }

  /**
   * Reads the whole archive. Thread-safe: a reader keeps no state between calls.
   *
   * @throws ArchiveRejectedException the archive breaks a rule or a limit, or cannot be read as
   *     {@code format}; see {@link RejectionReason} for the codes
   * @throws java.io.UncheckedIOException the temporary file for a zip could not be written (a
   *     server fault, not the upload's)
   */
  public SourceTree read(InputStream in, ArchiveFormat format, ArchiveLimits limits)
      throws ArchiveRejectedException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(limits, "limits");
    TreeBuilder tree = new TreeBuilder(limits);
    try {
      switch (format) {
        case TAR_GZ -> TarIntake.read(in, true, limits, tree);
        case TAR -> TarIntake.read(in, false, limits, tree);
        case ZIP -> ZipIntake.read(in, tempDir, limits, tree);
      }
    } catch (ZipIntake.SpoolFailure e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // Library failures on hostile input can surface as unchecked exceptions, too.
      throw rejection(format, e);
    }
    return tree.build();
  }

  private static ArchiveRejectedException rejection(ArchiveFormat format, Exception failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof InflationGuard.Tripped tripped) {
        return tripped.rejection();
      }
    }
    return new ArchiveRejectedException(
        MALFORMED,
        "The upload is not a valid "
            + format.displayName()
            + " archive ("
            + detail(failure)
            + "); check that the file is complete and that its Content-Type matches its format",
        failure);
  }

  private static String detail(Exception failure) {
    if (failure instanceof EOFException) {
      return "it ends too early";
    }
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      return failure.getClass().getSimpleName();
    }
    message = message.strip();
    return EntryPaths.printable(
        message.endsWith(".") ? message.substring(0, message.length() - 1) : message);
  }
}
