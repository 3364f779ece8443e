package io.fathom.controlplane.source.archive;

import static io.fathom.controlplane.source.archive.RejectionReason.MALFORMED;

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
    String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return new ArchiveRejectedException(
        MALFORMED,
        "The upload is not a valid "
            + format.displayName()
            + " archive ("
            + EntryPaths.quote(detail)
            + "); check that the file is complete and that its Content-Type matches its format",
        failure);
  }
}
