package io.fathom.controlplane.mlflow.artifacts;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Artifacts of MLflow runs and logged models, one tree per project. Every method takes the project
 * id, so a project never reads, lists or deletes another project's files.
 */
public interface ArtifactStore {

  /** One entry of a directory listing: its name, whether it is a directory, its size in bytes. */
  record Entry(String name, boolean directory, long size) {}

  /**
   * Streams {@code content} to {@code path}, replacing a file already there, and returns the number
   * of bytes written. Nothing is stored when the stream holds more than {@code maxBytes} ({@link
   * ArtifactTooLargeException}) or fails.
   */
  long put(UUID projectId, ArtifactPath path, InputStream content, long maxBytes);

  /** Opens a file; empty when there is none (a directory is not a file). */
  Optional<InputStream> open(UUID projectId, ArtifactPath path);

  /** The entries of a directory, sorted by name; empty when there is no such directory. */
  List<Entry> list(UUID projectId, ArtifactPath directory);

  /** Deletes a file or a whole directory; false when there was nothing there. */
  boolean delete(UUID projectId, ArtifactPath path);

  /** The total size of the files below a directory (0 when there is none). */
  long totalSize(UUID projectId, ArtifactPath directory);
}
