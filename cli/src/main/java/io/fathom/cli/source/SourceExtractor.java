package io.fathom.cli.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a downloaded tar.gz into a directory, safely: every entry is checked before anything is
 * written. Absolute names, {@code ..} segments, entries below a link, links that point outside the
 * directory, hard links and device entries are refused. Executable files keep their executable bit.
 * Links are created last, so that no file is written through one, and each is checked again once
 * created.
 */
public final class SourceExtractor {
  private SourceExtractor() {}

  public static ExtractedSource extract(byte[] archive, Path target) throws IOException {
    Path root = target.toAbsolutePath().normalize();
    List<Entry> entries = read(archive, root, null);
    Set<Path> links =
        entries.stream().filter(Entry::link).map(Entry::path).collect(Collectors.toSet());
    for (Entry entry : entries) {
      for (Path parent = entry.path().getParent(); parent != null; parent = parent.getParent()) {
        if (links.contains(parent)) {
          throw new UnsafeArchiveException(
              entry.name(), "below the link '" + root.relativize(parent) + "'");
        }
      }
    }
    Files.createDirectories(root);
    Path realRoot = root.toRealPath();
    read(archive, root, realRoot);
    for (Entry link : entries.stream().filter(Entry::link).toList()) {
      createLink(link, realRoot);
    }
    return new ExtractedSource((int) entries.stream().filter(e -> !e.directory()).count());
  }

  /** Checks every entry; when {@code realRoot} is given, also writes directories and files. */
  private static List<Entry> read(byte[] archive, Path root, Path realRoot) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (InputStream gzip = new GzipCompressorInputStream(new ByteArrayInputStream(archive));
        TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
      TarArchiveEntry tarEntry;
      while ((tarEntry = tar.getNextEntry()) != null) {
        Entry entry = check(tarEntry, root);
        if (entry == null) {
          continue;
        }
        entries.add(entry);
        if (realRoot == null || entry.link()) {
          continue;
        }
        Path dir = entry.directory() ? entry.path() : entry.path().getParent();
        Files.createDirectories(dir);
        if (!dir.toRealPath().startsWith(realRoot)) {
          throw new UnsafeArchiveException(entry.name(), "the directory leads outside the target");
        }
        if (!entry.directory()) {
          Files.copy(tar, entry.path(), StandardCopyOption.REPLACE_EXISTING);
          setExecutable(entry.path(), (tarEntry.getMode() & 0100) != 0);
        }
      }
    }
    return entries;
  }

  private static Entry check(TarArchiveEntry tarEntry, Path root) {
    String name = tarEntry.getName();
    if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
      throw new UnsafeArchiveException(name, "absolute path");
    }
    for (String segment : name.split("[/\\\\]")) {
      if (segment.equals("..")) {
        throw new UnsafeArchiveException(name, "'..' in the path");
      }
    }
    Path path = root.resolve(name).normalize();
    if (path.equals(root)) {
      return null;
    }
    if (!path.startsWith(root)) {
      throw new UnsafeArchiveException(name, "outside the target directory");
    }
    if (tarEntry.isDirectory()) {
      return new Entry(name, path, true, false, null);
    }
    if (tarEntry.isSymbolicLink()) {
      String linkTarget = tarEntry.getLinkName();
      Path resolved = path.getParent().resolve(linkTarget).normalize();
      if (Path.of(linkTarget).isAbsolute() || !resolved.startsWith(root)) {
        throw new UnsafeArchiveException(name, "link to '" + linkTarget + "' leaves the directory");
      }
      return new Entry(name, path, false, true, linkTarget);
    }
    if (!tarEntry.isFile() || tarEntry.isLink()) {
      throw new UnsafeArchiveException(name, "only files, directories and symbolic links allowed");
    }
    return new Entry(name, path, false, false, null);
  }

  private static void createLink(Entry link, Path realRoot) throws IOException {
    Files.createDirectories(link.path().getParent());
    if (Files.exists(link.path(), LinkOption.NOFOLLOW_LINKS)
        && !Files.isDirectory(link.path(), LinkOption.NOFOLLOW_LINKS)) {
      Files.delete(link.path());
    }
    Files.createSymbolicLink(link.path(), Path.of(link.linkTarget()));
    if (Files.exists(link.path()) && !link.path().toRealPath().startsWith(realRoot)) {
      Files.delete(link.path());
      throw new UnsafeArchiveException(
          link.name(), "link to '" + link.linkTarget() + "' resolves outside the directory");
    }
  }

  private static void setExecutable(Path file, boolean executable) throws IOException {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Files.setPosixFilePermissions(
        file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
  }

  private record Entry(
      String name, Path path, boolean directory, boolean link, String linkTarget) {}
}
