package io.fathom.builder.internal;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

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
}
