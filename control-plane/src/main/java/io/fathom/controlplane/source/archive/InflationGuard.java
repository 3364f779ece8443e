package io.fathom.controlplane.source.archive;

import static io.fathom.controlplane.source.archive.RejectionReason.COMPRESSION_RATIO;
import static io.fathom.controlplane.source.archive.RejectionReason.TOO_LARGE;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * Watches decompressed streams and stops them the moment they expand too far: past the archive's
 * stream allowance, or past the compression ratio measured against the compressed bytes actually
 * consumed. Headers, padding and skipped data all count, so a bomb cannot hide in them.
 */
final class InflationGuard {
  private final ArchiveLimits limits;
  private final LongSupplier compressedBytes;
  private long expandedBytes;

  /**
   * @param compressedBytes how many compressed bytes have been consumed so far
   */
  InflationGuard(ArchiveLimits limits, LongSupplier compressedBytes) {
    this.limits = limits;
    this.compressedBytes = compressedBytes;
  }

  /** A view of {@code decompressed} whose reads count towards this guard's limits. */
  InputStream watch(InputStream decompressed) {
    return new Watched(decompressed);
  }

  private void record(long n) throws Tripped {
    expandedBytes += n;
    if (expandedBytes > limits.maxStreamBytes()) {
      throw new Tripped(
          new ArchiveRejectedException(
              TOO_LARGE,
              "The archive expands to more than "
                  + limits.maxStreamBytes()
                  + " bytes; upload at most "
                  + limits.maxTotalBytes()
                  + " bytes of source"));
    }
    long compressed = Math.max(1, compressedBytes.getAsLong());
    if (expandedBytes > ArchiveLimits.RATIO_GRACE_BYTES
        && expandedBytes / limits.maxCompressionRatio() > compressed) {
      throw new Tripped(
          new ArchiveRejectedException(
              COMPRESSION_RATIO,
              "The archive expands more than "
                  + limits.maxCompressionRatio()
                  + " times over ("
                  + expandedBytes
                  + " bytes from "
                  + compressed
                  + " compressed bytes) and looks like a compression bomb; leave generated or"
                  + " padding data out of the upload"));
    }
  }

  /** Carries a rejection through library code that only lets {@link IOException} pass. */
  static final class Tripped extends IOException {
    private final transient ArchiveRejectedException rejection;

    Tripped(ArchiveRejectedException rejection) {
      super(rejection.getMessage());
      this.rejection = rejection;
    }

    ArchiveRejectedException rejection() {
      return rejection;
    }
  }

  private final class Watched extends FilterInputStream {
    Watched(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        record(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        record(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // Read rather than skip, so skipped bytes are decompressed and counted in small steps.
      byte[] discard = new byte[(int) Math.min(8192, Math.max(0, n))];
      long skipped = 0;
      while (skipped < n) {
        int read = read(discard, 0, (int) Math.min(discard.length, n - skipped));
        if (read < 0) {
          break;
        }
        skipped += read;
      }
      return skipped;
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
