package io.fathom.controlplane.source.archive;

import static io.fathom.controlplane.source.archive.EntryPaths.quote;
import static io.fathom.controlplane.source.archive.RejectionReason.LINK_ESCAPE;
import static io.fathom.controlplane.source.archive.RejectionReason.PATH_CONFLICT;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;

/**
 * The checks that need the whole tree: no entry under a file or symlink, and every symlink stays
 * inside the tree when resolved the way a file system does, following the symlinks on its way.
 */
final class TreeShape {
  /** The same bound Linux puts on symlinks followed while resolving one path. */
  private static final int MAX_LINK_HOPS = 40;

  private TreeShape() {}

  static void check(Map<String, SourceEntry> entries, Set<String> directories)
      throws ArchiveRejectedException {
    for (SourceEntry entry : entries.values()) {
      checkPlace(entry, entries, directories);
    }
    for (SourceEntry entry : entries.values()) {
      if (entry.isSymlink()) {
        resolve(entry, entries);
      }
    }
  }

  private static void checkPlace(
      SourceEntry entry, Map<String, SourceEntry> entries, Set<String> directories)
      throws ArchiveRejectedException {
    String path = entry.path();
    if (directories.contains(path)) {
      throw new ArchiveRejectedException(
          PATH_CONFLICT,
          "The archive holds "
              + quote(path)
              + " both as a directory and as a "
              + kind(entry)
              + "; keep only one of them");
    }
    for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      SourceEntry above = entries.get(path.substring(0, slash));
      if (above != null) {
        throw new ArchiveRejectedException(
            PATH_CONFLICT,
            "Entry "
                + quote(path)
                + " lies under "
                + quote(above.path())
                + ", which is a "
                + kind(above)
                + ", not a directory; archive entries may not be placed through files or"
                + " symlinks");
      }
    }
  }

  private static void resolve(SourceEntry link, Map<String, SourceEntry> entries)
      throws ArchiveRejectedException {
    Deque<String> resolved = new ArrayDeque<>(EntryPaths.parentSegments(link.path()));
    Deque<String> pending = new ArrayDeque<>();
    pushFront(pending, link.linkTarget());
    int hops = 0;
    while (!pending.isEmpty()) {
      String segment = pending.removeFirst();
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (resolved.isEmpty()) {
          throw new ArchiveRejectedException(
              LINK_ESCAPE,
              "Symlink "
                  + quote(link.path())
                  + " points to "
                  + quote(link.linkTarget())
                  + ", which leads outside the archive once the symlinks on its way are"
                  + " followed; symlinks must resolve to a path inside the tree");
        }
        resolved.removeLast();
        continue;
      }
      resolved.addLast(segment);
      SourceEntry reached = entries.get(String.join("/", resolved));
      if (reached != null && reached.isSymlink()) {
        if (++hops > MAX_LINK_HOPS) {
          throw new ArchiveRejectedException(
              LINK_ESCAPE,
              "Symlink "
                  + quote(link.path())
                  + " does not resolve: it goes through more than "
                  + MAX_LINK_HOPS
                  + " symlinks, likely a loop; remove the loop from the archive");
        }
        resolved.removeLast();
        pushFront(pending, reached.linkTarget());
      }
    }
  }

  private static void pushFront(Deque<String> pending, String target) {
    String[] segments = target.split("/");
    for (int i = segments.length - 1; i >= 0; i--) {
      pending.addFirst(segments[i]);
    }
  }

  private static String kind(SourceEntry entry) {
    return entry.isFile() ? "file" : "symlink";
  }
}
