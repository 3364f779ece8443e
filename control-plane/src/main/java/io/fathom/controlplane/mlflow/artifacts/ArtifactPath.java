package io.fathom.controlplane.mlflow.artifacts;

import io.fathom.controlplane.mlflow.MlflowException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A relative artifact path inside one project's artifact root, such as {@code
 * 1/models/m-0123…/artifacts/MLmodel}. Parsing refuses anything that could leave the root: absolute
 * paths, {@code ..} segments, backslashes, NUL and other control characters, and percent-encoded
 * separators or dots ({@code %2e%2e}, {@code %2F}, {@code %5C}, {@code %00}) that a second decoding
 * would turn into a traversal. The empty path is the root itself.
 */
public record ArtifactPath(List<String> segments) {
  private static final List<String> ENCODED = List.of("%2e", "%2f", "%5c", "%00", "%25");

  public ArtifactPath {
    segments = List.copyOf(segments);
  }

  public static final ArtifactPath ROOT = new ArtifactPath(List.of());

  /** Parses a decoded path; {@code null} or empty (after trimming slashes) is the root. */
  public static ArtifactPath parse(String path) {
    if (path == null) {
      return ROOT;
    }
    String lower = path.toLowerCase(Locale.ROOT);
    for (String encoded : ENCODED) {
      if (lower.contains(encoded)) {
        throw refused(path, "percent-encoded characters are not allowed in artifact paths");
      }
    }
    if (path.indexOf('\\') >= 0) {
      throw refused(path, "backslashes are not allowed");
    }
    for (char c : path.toCharArray()) {
      if (c < 0x20 || c == 0x7f) {
        throw refused(path, "control characters are not allowed");
      }
    }
    if (path.startsWith("/") || path.matches("^[A-Za-z]:.*") || path.startsWith("~")) {
      throw refused(path, "it is absolute");
    }
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (trimmed.isEmpty()) {
      return ROOT;
    }
    List<String> parts = Arrays.asList(trimmed.split("/", -1));
    for (String part : parts) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw refused(path, "empty, '.' and '..' segments are not allowed");
      }
    }
    return new ArtifactPath(parts);
  }

  private static MlflowException refused(String path, String why) {
    String shown = path.replaceAll("\\p{Cntrl}", "?");
    return MlflowException.invalid(
        "Invalid artifact path '"
            + shown
            + "': "
            + why
            + "; use a relative path such as 'dir/file'");
  }

  public boolean isRoot() {
    return segments.isEmpty();
  }

  /** The last segment, or "" for the root. */
  public String name() {
    return isRoot() ? "" : segments.get(segments.size() - 1);
  }

  /** The directory holding this path; the root's parent is the root. */
  public ArtifactPath parent() {
    return isRoot() ? this : new ArtifactPath(segments.subList(0, segments.size() - 1));
  }

  public ArtifactPath resolve(String relative) {
    ArtifactPath child = parse(relative);
    List<String> all = new java.util.ArrayList<>(segments);
    all.addAll(child.segments());
    return new ArtifactPath(all);
  }

  /** Whether this path is {@code other} or lies below it. */
  public boolean startsWith(ArtifactPath other) {
    return segments.size() >= other.segments.size()
        && segments.subList(0, other.segments.size()).equals(other.segments);
  }

  /** This path relative to an ancestor. */
  public String relativeTo(ArtifactPath ancestor) {
    return String.join("/", segments.subList(ancestor.segments.size(), segments.size()));
  }

  @Override
  public String toString() {
    return String.join("/", segments);
  }
}
