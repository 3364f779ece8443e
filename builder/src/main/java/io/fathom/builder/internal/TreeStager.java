package io.fathom.builder.internal;

import io.fathom.builder.api.BuildException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** Copies trees into {@code <cache>/staged/<digest>} (see {@link StagedTree}), once per content. */
public final class TreeStager {
  private final Path root;

  public TreeStager(Path root) {
    this.root = root;
  }

  /**
   * Stages a source tree. Only directories and regular files are allowed.
   *
   * @throws BuildException {@code invalid-source} for links and special files
   */
  public StagedTree stage(Path tree) throws BuildException {
    try {
      List<StagedTree.Entry> entries = list(tree);
      String digest = digest(tree, entries);
      Path target = root.resolve(digest.substring("sha256:".length()));
      if (!Files.isDirectory(target)) {
        copy(tree, entries, target);
      }
      return new StagedTree(target, digest, entries);
    } catch (IOException e) {
      throw new BuildException(
          "source-unreadable", "Could not read the source tree " + tree + ": " + e.getMessage(), e);
    }
  }

  /**
   * A tree the builder itself made under the cache and never changes again (fixed modification
   * times, named by a key of its inputs): listed, neither hashed nor copied, so a large dependency
   * tree costs a directory walk per build. {@code key} stands in for the content digest.
   */
  public StagedTree adopt(Path immutableTree, String key) throws BuildException {
    try {
      return new StagedTree(immutableTree, key, list(immutableTree));
    } catch (IOException e) {
      throw new BuildException(
          "cache-unusable", "Could not read " + immutableTree + ": " + e.getMessage(), e);
    }
  }

  /** Stages a directory of classpath resources (a runtime shim carried in this jar). */
  public StagedTree stageResource(String resourceDir) throws BuildException {
    URL url = TreeStager.class.getClassLoader().getResource(resourceDir);
    if (url == null) {
      throw new IllegalStateException(
          "resource directory missing from the builder jar: " + resourceDir);
    }
    try {
      URI uri = url.toURI();
      if (!uri.getScheme().equals("jar")) {
        return stageFrom(Path.of(uri));
      }
      synchronized (TreeStager.class) {
        FileSystem jar;
        boolean owned = true;
        try {
          jar = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          jar = FileSystems.getFileSystem(uri);
          owned = false;
        }
        try {
          return stageFrom(jar.provider().getPath(uri));
        } finally {
          if (owned) {
            jar.close();
          }
        }
      }
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot read resources " + resourceDir, e);
    }
  }

  /** Copies resources without their file attributes (jar or directory alike), then stages. */
  private StagedTree stageFrom(Path resourceTree) throws IOException, BuildException {
    Path copy = Files.createTempDirectory(ensureRoot(), ".resource-");
    try {
      List<StagedTree.Entry> entries = list(resourceTree);
      for (StagedTree.Entry entry : entries) {
        Path to = copy.resolve(entry.path());
        if (entry.directory()) {
          Files.createDirectories(to);
        } else {
          Files.copy(resourceTree.resolve(entry.path()), to);
        }
      }
      return stage(copy);
    } finally {
      deleteTree(copy);
    }
  }

  private static List<StagedTree.Entry> list(Path tree) throws IOException, BuildException {
    List<StagedTree.Entry> entries = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(tree)) {
      for (Path path : (Iterable<Path>) walk.sorted()::iterator) {
        if (path.equals(tree)) {
          continue;
        }
        String relative = relative(tree, path);
        if (Files.isSymbolicLink(path)) {
          throw new BuildException(
              "invalid-source",
              "The source tree holds a link, which images do not take: " + relative);
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          entries.add(new StagedTree.Entry(relative, true, false));
        } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
          boolean executable =
              path.getFileSystem().supportedFileAttributeViews().contains("posix")
                  && Files.isExecutable(path);
          entries.add(new StagedTree.Entry(relative, false, executable));
        } else {
          throw new BuildException(
              "invalid-source", "The source tree holds a special file: " + relative);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    entries.sort(Comparator.comparing(StagedTree.Entry::path));
    return entries;
  }

  private static String relative(Path tree, Path path) {
    List<String> parts = new ArrayList<>();
    for (Path part : tree.relativize(path)) {
      parts.add(part.toString());
    }
    return String.join("/", parts);
  }

  private static String digest(Path tree, List<StagedTree.Entry> entries) throws IOException {
    MessageDigest sha = sha256();
    for (StagedTree.Entry entry : entries) {
      String kind = entry.directory() ? "d" : entry.executable() ? "x" : "f";
      sha.update((kind + " " + entry.path() + "\n").getBytes(StandardCharsets.UTF_8));
      if (!entry.directory()) {
        try (InputStream in =
            new DigestInputStream(Files.newInputStream(tree.resolve(entry.path())), sha)) {
          in.transferTo(OutputStream.nullOutputStream());
        }
        sha.update((byte) 0);
      }
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  private void copy(Path tree, List<StagedTree.Entry> entries, Path target) throws IOException {
    Path tmp = ensureRoot().resolve(".tmp-" + UUID.randomUUID());
    Files.createDirectories(tmp);
    try {
      for (StagedTree.Entry entry : entries) {
        Path to = tmp.resolve(entry.path());
        if (entry.directory()) {
          Files.createDirectories(to);
        } else {
          Files.copy(tree.resolve(entry.path()), to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
      FileTime fixed = FileTime.from(StagedTree.FIXED_TIME);
      for (StagedTree.Entry entry : entries.reversed()) {
        Files.setLastModifiedTime(tmp.resolve(entry.path()), fixed);
      }
      Files.setLastModifiedTime(tmp, fixed);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (!Files.isDirectory(target)) {
          throw e;
        }
        // Another build staged the same content first: theirs is identical.
      }
    } finally {
      if (Files.exists(tmp)) {
        deleteTree(tmp);
      }
    }
  }

  private Path ensureRoot() throws IOException {
    return Files.createDirectories(root);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
