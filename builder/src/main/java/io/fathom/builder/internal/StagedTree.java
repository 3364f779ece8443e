package io.fathom.builder.internal;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A tree copied into the cache under its content digest, with fixed modification times. Jib keys
 * its layer cache by source path and modification time (not content): staging by digest makes that
 * key a function of the content, so a changed file can never hit a stale layer.
 *
 * @param root the staged copy
 * @param digest {@code sha256:} over the sorted paths, modes and contents
 * @param entries every directory and file, sorted by path
 */
public record StagedTree(Path root, String digest, List<Entry> entries) {
  /** The time every staged file and every layer entry carries (Jib's default, epoch + 1 s). */
  public static final Instant FIXED_TIME = FileEntriesLayer.DEFAULT_MODIFICATION_TIME;

  private static final FilePermissions FILE = FilePermissions.fromOctalString("644");
  private static final FilePermissions EXECUTABLE = FilePermissions.fromOctalString("755");

  public StagedTree {
    entries = List.copyOf(entries);
  }

  /** One path relative to the root ({@code /}-separated). */
  public record Entry(String path, boolean directory, boolean executable) {}

  /** A layer holding this tree at {@code target}: directories and executables 755, files 644. */
  public FileEntriesLayer layer(String name, AbsoluteUnixPath target) {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
    layer.addEntry(root, target, EXECUTABLE, FIXED_TIME);
    for (Entry entry : entries) {
      layer.addEntry(
          root.resolve(entry.path()),
          target.resolve(entry.path()),
          entry.directory() || entry.executable() ? EXECUTABLE : FILE,
          FIXED_TIME);
    }
    return layer.build();
  }

  /**
   * A layer holding only the files of this tree whose path matches {@code files}, with the
   * directories above them, at {@code target}; empty when no file matches. Splits one tree into
   * layers (jvm21's classes and resources, as Jib does).
   */
  public Optional<FileEntriesLayer> layer(
      String name, AbsoluteUnixPath target, Predicate<String> files) {
    Set<Entry> chosen = new HashSet<>();
    TreeSet<String> dirs = new TreeSet<>();
    for (Entry entry : entries) {
      if (!entry.directory() && files.test(entry.path())) {
        chosen.add(entry);
        for (int slash = entry.path().lastIndexOf('/');
            slash > 0;
            slash = entry.path().lastIndexOf('/', slash - 1)) {
          dirs.add(entry.path().substring(0, slash));
        }
      }
    }
    if (chosen.isEmpty()) {
      return Optional.empty();
    }
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
    layer.addEntry(root, target, EXECUTABLE, FIXED_TIME);
    for (Entry entry : entries) {
      if (entry.directory() ? dirs.contains(entry.path()) : chosen.contains(entry)) {
        layer.addEntry(
            root.resolve(entry.path()),
            target.resolve(entry.path()),
            entry.directory() || entry.executable() ? EXECUTABLE : FILE,
            FIXED_TIME);
      }
    }
    return Optional.of(layer.build());
  }
}
