package io.fathom.controlplane.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * Blobs as files under a root directory, at {@code root/ab/cd/<hex>} for a key starting {@code
 * abcd}. A blob is written to a temporary file in its final directory, flushed to disk and then
 * renamed atomically, so a crash never leaves a partial blob under its final name. Temporary files
 * start with {@code .} and never match a key.
 */
public final class FileSystemBlobStore implements BlobStore {
  private final Path root;

  /** A store under {@code root}, created if missing; fails at once if it cannot be. */
  public FileSystemBlobStore(Path root) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.root);
    } catch (IOException e) {
      throw new BlobStoreException(
          "Cannot create the blob store directory "
              + this.root
              + "; check the path and its"
              + " permissions",
          e);
    }
  }

  public Path root() {
    return root;
  }

  @Override
  public BlobKey put(byte[] content) {
    Objects.requireNonNull(content, "content");
    BlobKey key = BlobKey.of(content);
    Path target = pathOf(key);
    if (Files.isRegularFile(target)) {
      return key;
    }
    Path temp = null;
    try {
      Files.createDirectories(target.getParent());
      temp =
          Files.createTempFile(target.getParent(), "." + key.hex().substring(0, 12) + "-", ".tmp");
      writeDurably(temp, content);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      return key;
    } catch (IOException e) {
      BlobStoreException failure =
          new BlobStoreException("Could not store blob " + key + " under " + root, e);
      removeTemp(temp, failure);
      throw failure;
    }
  }

  @Override
  public Optional<InputStream> open(BlobKey key) {
    Path path = pathOf(key);
    try {
      return Optional.of(Files.newInputStream(path));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new BlobStoreException("Could not open blob " + key + " at " + path, e);
    }
  }

  @Override
  public boolean exists(BlobKey key) {
    return Files.isRegularFile(pathOf(key));
  }

  @Override
  public void delete(BlobKey key) {
    Path path = pathOf(key);
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new BlobStoreException("Could not delete blob " + key + " at " + path, e);
    }
  }

  /** Where the blob with this key lives, whether or not it exists. */
  public Path pathOf(BlobKey key) {
    String hex = key.hex();
    return root.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
  }

  private static void writeDurably(Path file, byte[] content) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  /** Removes a temporary file left by a failed put; a failure to do so joins the first one. */
  private static void removeTemp(Path temp, BlobStoreException failure) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
