package io.fathom.controlplane.source.archive;

/**
 * How much an uploaded archive may hold. Every limit is enforced while the archive streams in, so
 * crossing one stops reading at once.
 *
 * @param maxFiles most files and symlinks (directories are counted separately, up to the same
 *     number)
 * @param maxTotalBytes most bytes of file content, all files together, once uncompressed
 * @param maxFileBytes most bytes of content of any one file
 * @param maxCompressionRatio most uncompressed bytes per compressed byte; checked once more than
 *     {@link #RATIO_GRACE_BYTES} have been uncompressed, so tiny archives never trip it
 */
public record ArchiveLimits(
    int maxFiles, long maxTotalBytes, long maxFileBytes, int maxCompressionRatio) {

  /** Uncompressed bytes below which the compression ratio is not checked. */
  public static final long RATIO_GRACE_BYTES = 1L << 20;

  private static final long MIB = 1L << 20;

  public ArchiveLimits {
    if (maxFiles < 1) {
      throw new IllegalArgumentException("maxFiles must be at least 1, got " + maxFiles);
    }
    if (maxTotalBytes < 1) {
      throw new IllegalArgumentException("maxTotalBytes must be at least 1, got " + maxTotalBytes);
    }
    if (maxFileBytes < 1 || maxFileBytes > maxTotalBytes) {
      throw new IllegalArgumentException(
          "maxFileBytes must be between 1 and maxTotalBytes ("
              + maxTotalBytes
              + "), got "
              + maxFileBytes);
    }
    if (maxCompressionRatio < 1) {
      throw new IllegalArgumentException(
          "maxCompressionRatio must be at least 1, got " + maxCompressionRatio);
    }
  }

  /** 10,000 files, 256 MiB in all, 64 MiB per file, a compression ratio of at most 100. */
  public static ArchiveLimits defaults() {
    return new ArchiveLimits(10_000, 256 * MIB, 64 * MIB, 100);
  }

  /**
   * The most bytes the archive's raw stream (tar headers and padding included) or its compressed
   * upload may take: the content allowance plus 4 KiB of headers per entry and 1 MiB of slack.
   */
  long maxStreamBytes() {
    return maxTotalBytes + 2L * maxFiles * 4096 + MIB;
  }
}
