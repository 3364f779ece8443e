package io.fathom.controlplane.source.archive;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An immutable source tree: its files and symlinks, sorted by path. */
public final class SourceTree {

  /** Paths in Unicode code point order, which is also the byte order of their UTF-8 forms. */
  public static final Comparator<String> PATH_ORDER = SourceTree::compareCodePoints;

  private final List<SourceEntry> entries;
  private final Map<String, SourceEntry> byPath;

  private SourceTree(List<SourceEntry> sorted, Map<String, SourceEntry> byPath) {
    this.entries = Collections.unmodifiableList(sorted);
    this.byPath = byPath;
  }

  /** A tree of these entries, in any order; the same path twice is an error. */
  public static SourceTree of(Collection<SourceEntry> entries) {
    Objects.requireNonNull(entries, "entries");
    Map<String, SourceEntry> byPath = HashMap.newHashMap(entries.size());
    for (SourceEntry entry : entries) {
      Objects.requireNonNull(entry, "entry");
      if (byPath.putIfAbsent(entry.path(), entry) != null) {
        throw new IllegalArgumentException(
            "A source tree cannot hold " + EntryPaths.quote(entry.path()) + " twice");
      }
    }
    List<SourceEntry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(SourceEntry::path, PATH_ORDER));
    return new SourceTree(sorted, byPath);
  }

  /** All entries, sorted by path. */
  public List<SourceEntry> entries() {
    return entries;
  }

  /** The entry at this exact normalized path, if any. */
  public Optional<SourceEntry> find(String path) {
    return Optional.ofNullable(byPath.get(path));
  }

  /** The number of regular files, symlinks not counted. */
  public int fileCount() {
    return (int) entries.stream().filter(SourceEntry::isFile).count();
  }

  /** The number of entries, files and symlinks together. */
  public int size() {
    return entries.size();
  }

  /** The bytes of content of all files together. */
  public long totalBytes() {
    return entries.stream().mapToLong(SourceEntry::size).sum();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SourceTree that && entries.equals(that.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return "SourceTree[" + entries.size() + " entries, " + totalBytes() + " bytes]";
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
