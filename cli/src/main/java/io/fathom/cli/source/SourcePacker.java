package io.fathom.cli.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Packs a function's source directory into a tar.gz in memory: directories, regular files (mode 755
 * when executable, else 644) and symbolic links (kept as links), in name order, minus what {@link
 * IgnoreRules} leaves out. Entry names are relative to the directory.
 */
public final class SourcePacker {
  private SourcePacker() {}

  public static PackedSource pack(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException(root + " is not a directory");
    }
    IgnoreRules ignore = IgnoreRules.forDirectory(root);
    List<Path> paths = collect(root, ignore);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int files = 0;
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Path path : paths) {
        String name = relative(root, path);
        if (Files.isSymbolicLink(path)) {
          TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
          entry.setLinkName(Files.readSymbolicLink(path).toString());
          tar.putArchiveEntry(entry);
          tar.closeArchiveEntry();
          files++;
        } else if (Files.isDirectory(path)) {
          TarArchiveEntry entry = new TarArchiveEntry(name + "/");
          entry.setModTime(Files.getLastModifiedTime(path));
          tar.putArchiveEntry(entry);
          tar.closeArchiveEntry();
        } else {
          TarArchiveEntry entry = new TarArchiveEntry(name);
          entry.setModTime(Files.getLastModifiedTime(path));
          entry.setMode(Files.isExecutable(path) ? 0100755 : 0100644);
          entry.setSize(Files.size(path));
          tar.putArchiveEntry(entry);
          Files.copy(path, tar);
          tar.closeArchiveEntry();
          files++;
        }
      }
      tar.finish();
    }
    return new PackedSource(bytes.toByteArray(), files);
  }

  private static List<Path> collect(Path root, IgnoreRules ignore) throws IOException {
    List<Path> paths = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(root)) {
              return FileVisitResult.CONTINUE;
            }
            if (ignore.ignores(relative(root, dir), true)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            paths.add(dir);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            boolean link = attrs.isSymbolicLink();
            boolean directory = !link && Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS);
            if ((attrs.isRegularFile() || link)
                && !ignore.ignores(relative(root, file), directory)) {
              paths.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    paths.sort((a, b) -> relative(root, a).compareTo(relative(root, b)));
    return paths;
  }

  private static String relative(Path root, Path path) {
    return root.relativize(path).toString().replace('\\', '/');
  }
}
