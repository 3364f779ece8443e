package io.fathom.controlplane.source.archive;

import static io.fathom.controlplane.source.archive.EntryPaths.quote;
import static io.fathom.controlplane.source.archive.RejectionReason.ABSOLUTE_PATH;
import static io.fathom.controlplane.source.archive.RejectionReason.DUPLICATE_PATH;
import static io.fathom.controlplane.source.archive.RejectionReason.EMPTY;
import static io.fathom.controlplane.source.archive.RejectionReason.LINK_ESCAPE;
import static io.fathom.controlplane.source.archive.RejectionReason.MALFORMED;
import static io.fathom.controlplane.source.archive.RejectionReason.PATH_TRAVERSAL;
import static io.fathom.controlplane.source.archive.RejectionReason.SPECIAL_FILE;
import static io.fathom.controlplane.source.archive.RejectionReason.TOO_LARGE;
import static io.fathom.controlplane.source.archive.RejectionReason.TOO_MANY_FILES;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Collects the entries of one archive as they stream in, whatever the format, and applies every
 * rule that does not depend on the format: safe paths, limits, duplicates, links.
 */
final class TreeBuilder {
  private static final int CHUNK = 8192;

  private final ArchiveLimits limits;
  private final Map<String, SourceEntry> entries = new LinkedHashMap<>();
  private final Set<String> directories = new HashSet<>();
  private long totalBytes;

  TreeBuilder(ArchiveLimits limits) {
    this.limits = limits;
  }

  /** A directory entry: checked, then dropped, since directories are implied by their files. */
  void directory(String rawName) throws ArchiveRejectedException {
    String path = EntryPaths.normalize(rawName);
    if (!path.isEmpty() && directories.add(path) && directories.size() > limits.maxFiles()) {
      throw new ArchiveRejectedException(
          TOO_MANY_FILES,
          "The archive holds more than " + limits.maxFiles() + " directories; upload fewer");
    }
  }

  /** A regular file whose content is read from {@code content} until its end. */
  void file(String rawName, boolean executable, InputStream content)
      throws ArchiveRejectedException, IOException {
    String path = entryPath(rawName);
    claim(path);
    entries.put(path, SourceEntry.file(path, readContent(path, content), executable));
  }

  void symlink(String rawName, String rawTarget) throws ArchiveRejectedException {
    String path = entryPath(rawName);
    String target = EntryPaths.linkTarget(path, rawTarget);
    claim(path);
    entries.put(path, SourceEntry.symlink(path, target));
  }

  /** A hard link: kept as a copy of the earlier entry it names, refused if there is none. */
  void hardLink(String rawName, String rawTarget) throws ArchiveRejectedException {
    String path = entryPath(rawName);
    SourceEntry original = entries.get(hardLinkTarget(path, rawTarget));
    if (original == null) {
      throw new ArchiveRejectedException(
          LINK_ESCAPE,
          "Hard link "
              + quote(path)
              + " points to "
              + quote(rawTarget)
              + ", which is not a file stored earlier in the archive; hard links may only point"
              + " to files that come before them");
    }
    claim(path);
    if (original.isFile()) {
      addBytes(path, original.size());
      entries.put(path, SourceEntry.file(path, original.content(), original.executable()));
    } else {
      String target = EntryPaths.linkTarget(path, original.linkTarget());
      entries.put(path, SourceEntry.symlink(path, target));
    }
  }

  /** A device, FIFO or other entry a source tree has no use for: always refused. */
  void special(String rawName, String kind) throws ArchiveRejectedException {
    String path = EntryPaths.normalize(rawName);
    throw new ArchiveRejectedException(
        SPECIAL_FILE,
        "Entry "
            + quote(path.isEmpty() ? rawName : path)
            + " is a "
            + kind
            + "; archives may hold only regular files, directories and symlinks");
  }

  /** The finished tree, once every entry has been added. */
  SourceTree build() throws ArchiveRejectedException {
    if (entries.isEmpty()) {
      throw new ArchiveRejectedException(
          EMPTY,
          "The archive holds no files; upload an archive of the function's source directory");
    }
    TreeShape.check(entries, directories);
    return SourceTree.of(entries.values());
  }

  private String entryPath(String rawName) throws ArchiveRejectedException {
    String path = EntryPaths.normalize(rawName);
    if (path.isEmpty()) {
      throw new ArchiveRejectedException(
          MALFORMED,
          "Entry " + quote(rawName) + " names the archive's root directory but is not a directory");
    }
    return path;
  }

  private static String hardLinkTarget(String path, String rawTarget)
      throws ArchiveRejectedException {
    try {
      return EntryPaths.normalize(rawTarget);
    } catch (ArchiveRejectedException e) {
      if (e.reason() == ABSOLUTE_PATH || e.reason() == PATH_TRAVERSAL) {
        throw new ArchiveRejectedException(
            LINK_ESCAPE,
            "Hard link "
                + quote(path)
                + " points to "
                + quote(rawTarget)
                + ", which is outside the archive; hard links must point to files in the archive",
            e);
      }
      throw e;
    }
  }

  private void claim(String path) throws ArchiveRejectedException {
    if (entries.containsKey(path)) {
      throw new ArchiveRejectedException(
          DUPLICATE_PATH,
          "The archive holds " + quote(path) + " more than once; keep a single copy of it");
    }
    if (entries.size() >= limits.maxFiles()) {
      throw new ArchiveRejectedException(
          TOO_MANY_FILES,
          "The archive holds more than "
              + limits.maxFiles()
              + " files and symlinks (limit reached at "
              + quote(path)
              + "); leave dependencies and build output out of the upload");
    }
  }

  private byte[] readContent(String path, InputStream content)
      throws ArchiveRejectedException, IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] chunk = new byte[CHUNK];
    long size = 0;
    int n;
    while ((n = content.read(chunk)) != -1) {
      size += n;
      if (size > limits.maxFileBytes()) {
        throw new ArchiveRejectedException(
            TOO_LARGE,
            "File "
                + quote(path)
                + " is larger than the limit of "
                + limits.maxFileBytes()
                + " bytes per file; leave it out of the upload");
      }
      checkTotal(path, totalBytes + size);
      bytes.write(chunk, 0, n);
    }
    totalBytes += size;
    return bytes.toByteArray();
  }

  private void addBytes(String path, long size) throws ArchiveRejectedException {
    checkTotal(path, totalBytes + size);
    totalBytes += size;
  }

  private void checkTotal(String path, long total) throws ArchiveRejectedException {
    if (total > limits.maxTotalBytes()) {
      throw new ArchiveRejectedException(
          TOO_LARGE,
          "The files in the archive add up to more than "
              + limits.maxTotalBytes()
              + " bytes (limit crossed at "
              + quote(path)
              + "); leave dependencies and build output out of the upload");
    }
  }
}
