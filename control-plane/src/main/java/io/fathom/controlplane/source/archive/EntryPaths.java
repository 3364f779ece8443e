package io.fathom.controlplane.source.archive;

import static io.fathom.controlplane.source.archive.RejectionReason.ABSOLUTE_PATH;
import static io.fathom.controlplane.source.archive.RejectionReason.LINK_ESCAPE;
import static io.fathom.controlplane.source.archive.RejectionReason.MALFORMED;
import static io.fathom.controlplane.source.archive.RejectionReason.PATH_TRAVERSAL;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the raw names and link targets found in an archive into safe relative paths. Backslashes
 * count as separators, so a name made on Windows cannot sneak a traversal past the checks.
 */
final class EntryPaths {
  private static final int MAX_QUOTED_LENGTH = 200;

  private EntryPaths() {}

  /**
   * The normalized form of an entry name: forward slashes, no empty or {@code .} segments, no
   * leading {@code ./} or trailing slash. The archive root ({@code ./}) normalizes to {@code ""}.
   */
  static String normalize(String raw) throws ArchiveRejectedException {
    if (raw == null || raw.isEmpty()) {
      throw new ArchiveRejectedException(MALFORMED, "The archive has an entry with an empty name");
    }
    rejectControlCharacters(
        raw,
        "Entry "
            + quote(raw)
            + " has a control character in its name; rename it with printable characters");
    String slashed = raw.replace('\\', '/');
    if (isAbsolute(slashed)) {
      throw new ArchiveRejectedException(
          ABSOLUTE_PATH,
          "Entry "
              + quote(raw)
              + " has an absolute path; archive entries must be relative to the function's"
              + " root directory (create the archive from inside that directory)");
    }
    List<String> segments = new ArrayList<>();
    for (String segment : slashed.split("/", -1)) {
      if (segment.equals("..")) {
        throw new ArchiveRejectedException(
            PATH_TRAVERSAL,
            "Entry "
                + quote(raw)
                + " contains a '..' segment, which could reach outside the function's directory;"
                + " archive entries must name paths inside the tree without '..'");
      }
      if (!segment.isEmpty() && !segment.equals(".")) {
        segments.add(segment);
      }
    }
    return String.join("/", segments);
  }

  /**
   * Checks that a symlink at {@code linkPath} (already normalized) whose target is {@code
   * rawTarget} stays inside the tree when read as plain text, and returns the target with forward
   * slashes. Links through other links are checked later, once the whole tree is known.
   */
  static String linkTarget(String linkPath, String rawTarget) throws ArchiveRejectedException {
    if (rawTarget == null || rawTarget.isEmpty()) {
      throw new ArchiveRejectedException(
          MALFORMED, "Symlink " + quote(linkPath) + " has an empty target");
    }
    rejectControlCharacters(
        rawTarget,
        "Symlink "
            + quote(linkPath)
            + " has a control character in its target "
            + quote(rawTarget));
    String target = rawTarget.replace('\\', '/');
    if (isAbsolute(target)) {
      throw new ArchiveRejectedException(
          LINK_ESCAPE,
          "Symlink "
              + quote(linkPath)
              + " points to the absolute path "
              + quote(rawTarget)
              + "; symlinks must use relative targets that stay inside the archive");
    }
    int depth = parentSegments(linkPath).size();
    for (String segment : target.split("/")) {
      if (segment.equals("..")) {
        depth--;
        if (depth < 0) {
          throw escapes(linkPath, rawTarget);
        }
      } else if (!segment.isEmpty() && !segment.equals(".")) {
        depth++;
      }
    }
    return target;
  }

  static ArchiveRejectedException escapes(String linkPath, String target) {
    return new ArchiveRejectedException(
        LINK_ESCAPE,
        "Symlink "
            + quote(linkPath)
            + " points to "
            + quote(target)
            + ", which is outside the archive; symlinks must point to a path inside the tree");
  }

  /** Whether a path is already in the form {@link #normalize} produces, and not the root. */
  static boolean isNormalized(String path) {
    if (path == null || path.isEmpty() || path.indexOf('\\') >= 0 || isAbsolute(path)) {
      return false;
    }
    for (int i = 0; i < path.length(); i++) {
      if (Character.isISOControl(path.charAt(i))) {
        return false;
      }
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /** The directory segments above a normalized path: {@code a/b/c} gives {@code [a, b]}. */
  static List<String> parentSegments(String path) {
    List<String> segments = new ArrayList<>(List.of(path.split("/")));
    segments.removeLast();
    return segments;
  }

  /** A name for messages: quoted, control characters escaped, long names shortened. */
  static String quote(String raw) {
    return "'" + printable(raw) + "'";
  }

  /** Text from an archive made safe for a message or a log: escaped, at most 200 characters. */
  static String printable(String raw) {
    StringBuilder text = new StringBuilder();
    int end = Math.min(raw.length(), MAX_QUOTED_LENGTH);
    for (int i = 0; i < end; i++) {
      char c = raw.charAt(i);
      if (Character.isISOControl(c)) {
        text.append(String.format("\\u%04x", (int) c));
      } else {
        text.append(c);
      }
    }
    if (raw.length() > end) {
      text.append("...");
    }
    return text.toString();
  }

  private static boolean isAbsolute(String slashed) {
    return slashed.startsWith("/")
        || (slashed.length() >= 2 && slashed.charAt(1) == ':' && isAsciiLetter(slashed.charAt(0)));
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static void rejectControlCharacters(String text, String message)
      throws ArchiveRejectedException {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        throw new ArchiveRejectedException(MALFORMED, message);
      }
    }
  }
}
