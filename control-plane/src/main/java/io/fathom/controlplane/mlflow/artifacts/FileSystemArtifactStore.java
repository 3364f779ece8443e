package io.fathom.controlplane.mlflow.artifacts;

import io.fathom.controlplane.config.FathomHome;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Artifacts as files under {@code $FATHOM_HOME/artifacts/<project_id>/}. Uploads go to a temporary
 * file first and are moved into place when complete, so readers never see half a file. Every
 * resolved path is checked to stay below its project's root, and links are never followed.
 */
@Singleton
public class FileSystemArtifactStore implements ArtifactStore {
  private static final int BUFFER = 64 * 1024;
  private final Path root;
  private final Path incoming;

  public FileSystemArtifactStore(FathomHome home) {
    this.root = home.resolve("artifacts");
    this.incoming = root.resolve(".incoming");
    try {
      Files.createDirectories(incoming);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the artifact store at " + root, e);
    }
  }

  @Override
  public long put(UUID projectId, ArtifactPath path, InputStream content, long maxBytes) {
    if (path.isRoot()) {
      throw new IllegalArgumentException("An artifact needs a file name");
    }
    Path target = resolve(projectId, path);
    Path temp = null;
    try {
      temp = Files.createTempFile(incoming, "upload-", ".part");
      long written = copy(content, temp, maxBytes);
      Files.createDirectories(target.getParent());
      if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new IllegalStateException("'" + path + "' is a directory");
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      temp = null;
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot store artifact " + path, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort: a leftover part file is harmless
        }
      }
    }
  }

  private static long copy(InputStream content, Path temp, long maxBytes) throws IOException {
    long total = 0;
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = content;
        OutputStream out = Files.newOutputStream(temp)) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        total += n;
        if (total > maxBytes) {
          throw new ArtifactTooLargeException(maxBytes);
        }
        out.write(buffer, 0, n);
      }
    }
    return total;
  }

  @Override
  public Optional<InputStream> open(UUID projectId, ArtifactPath path) {
    Path file = resolve(projectId, path);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read artifact " + path, e);
    }
  }

  @Override
  public List<Entry> list(UUID projectId, ArtifactPath directory) {
    Path dir = resolve(projectId, directory);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        BasicFileAttributes attrs =
            Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attrs.isDirectory() || attrs.isRegularFile()) {
          entries.add(
              new Entry(
                  child.getFileName().toString(),
                  attrs.isDirectory(),
                  attrs.isDirectory() ? 0 : attrs.size()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list artifacts under " + directory, e);
    }
    entries.sort(Comparator.comparing(Entry::name));
    return entries;
  }

  @Override
  public boolean delete(UUID projectId, ArtifactPath path) {
    Path target = resolve(projectId, path);
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (Stream<Path> walk = Files.walk(target)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete artifact " + path, e);
    }
  }

  @Override
  public long totalSize(UUID projectId, ArtifactPath directory) {
    Path dir = resolve(projectId, directory);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .mapToLong(FileSystemArtifactStore::size)
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot measure artifacts under " + directory, e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file for a path, checked to lie below the project's root. */
  private Path resolve(UUID projectId, ArtifactPath path) {
    Path projectRoot = root.resolve(projectId.toString());
    Path resolved = projectRoot;
    for (String segment : path.segments()) {
      resolved = resolved.resolve(segment);
    }
    resolved = resolved.normalize();
    if (!resolved.startsWith(projectRoot)) {
      throw new IllegalArgumentException("Artifact path escapes its root: " + path);
    }
    return resolved;
  }
}
