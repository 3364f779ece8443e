package io.fathom.controlplane.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Immutable blobs addressed by the SHA-256 of their content. Storing the same bytes twice is a
 * no-op that returns the same key. Failures of the storage itself are {@link BlobStoreException}s.
 */
public interface BlobStore {

  /** Stores the bytes, unless already there, and returns their key. */
  BlobKey put(byte[] content);

  /** A stream of the blob's bytes, to be closed by the caller; empty if there is no such blob. */
  Optional<InputStream> open(BlobKey key);

  /** The blob's bytes, checked against the key; empty if there is no such blob. */
  default Optional<byte[]> read(BlobKey key) {
    Optional<InputStream> opened = open(key);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    byte[] content;
    try (InputStream in = opened.get()) {
      content = in.readAllBytes();
    } catch (IOException e) {
      throw new BlobStoreException("Could not read blob " + key, e);
    }
    if (!BlobKey.of(content).equals(key)) {
      throw new BlobStoreException(
          "Blob " + key + " is corrupt: its bytes no longer hash to its key", null);
    }
    return Optional.of(content);
  }

  boolean exists(BlobKey key);

  /** Removes the blob; removing a blob that is not there does nothing. */
  void delete(BlobKey key);
}
