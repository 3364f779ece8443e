package io.fathom.controlplane.source.archive;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * One file or symlink of a source tree. Directories are implied by the paths of their entries.
 *
 * @param path relative path with forward slashes and no empty, {@code .} or {@code ..} segments
 * @param type whether the entry is a regular file or a symlink
 * @param content the file's bytes; empty for a symlink (the accessor returns a copy)
 * @param linkTarget the symlink's relative target; {@code null} for a file
 * @param executable whether the file is executable; always false for a symlink
 */
public record SourceEntry(
    String path, Type type, byte[] content, String linkTarget, boolean executable) {

  /** The kinds of entry a source tree keeps. */
  public enum Type {
    FILE,
    SYMLINK
  }

  private static final byte[] NO_CONTENT = new byte[0];

  public SourceEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    if (!EntryPaths.isNormalized(path)) {
      throw new IllegalArgumentException(
          "A source path must be relative, use '/' and have no empty, '.' or '..' segments, got "
              + EntryPaths.quote(path));
    }
    if (type == Type.FILE) {
      Objects.requireNonNull(content, "content of a file");
      if (linkTarget != null) {
        throw new IllegalArgumentException("File " + EntryPaths.quote(path) + " has a link target");
      }
      content = content.length == 0 ? NO_CONTENT : content.clone();
    } else {
      if (linkTarget == null || linkTarget.isEmpty()) {
        throw new IllegalArgumentException("Symlink " + EntryPaths.quote(path) + " has no target");
      }
      if (content != null && content.length > 0) {
        throw new IllegalArgumentException("Symlink " + EntryPaths.quote(path) + " has content");
      }
      if (executable) {
        throw new IllegalArgumentException(
            "Symlink " + EntryPaths.quote(path) + " cannot be marked executable");
      }
      content = NO_CONTENT;
    }
  }

  public static SourceEntry file(String path, byte[] content, boolean executable) {
    return new SourceEntry(path, Type.FILE, content, null, executable);
  }

  public static SourceEntry symlink(String path, String target) {
    return new SourceEntry(path, Type.SYMLINK, NO_CONTENT, target, false);
  }

  /** A copy of the file's bytes; empty for a symlink. */
  @Override
  public byte[] content() {
    return content.length == 0 ? NO_CONTENT : content.clone();
  }

  /** The file's bytes as a stream, without copying them. */
  public InputStream openContent() {
    return new ByteArrayInputStream(content);
  }

  /** The number of content bytes: 0 for a symlink. */
  public int size() {
    return content.length;
  }

  public boolean isFile() {
    return type == Type.FILE;
  }

  public boolean isSymlink() {
    return type == Type.SYMLINK;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SourceEntry that
        && path.equals(that.path)
        && type == that.type
        && executable == that.executable
        && Objects.equals(linkTarget, that.linkTarget)
        && Arrays.equals(content, that.content);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, type, linkTarget, executable, Arrays.hashCode(content));
  }

  @Override
  public String toString() {
    return isFile()
        ? "SourceEntry[file "
            + path
            + ", "
            + content.length
            + " bytes"
            + (executable ? ", executable]" : "]")
        : "SourceEntry[symlink " + path + " -> " + linkTarget + "]";
  }
}
