package io.fathom.cli.source;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which paths an upload leaves out: {@code .git}, {@code __pycache__}, {@code target}, {@code
 * .venv} and {@code node_modules} directories anywhere, plus the lines of a {@code .fathomignore}
 * at the root.
 *
 * <p>A {@code .fathomignore} line is a glob ({@code *}, {@code ?}, {@code **}, {@code [..]}). A
 * pattern without {@code /} matches a file or directory name at any depth; one with {@code /}
 * matches the path from the root; a trailing {@code /} limits it to directories. Blank lines and
 * lines starting with {@code #} are skipped; negation ({@code !}) is not supported.
 */
public final class IgnoreRules {
  public static final String IGNORE_FILE = ".fathomignore";
  static final Set<String> DEFAULT_DIRECTORIES =
      Set.of(".git", "__pycache__", "target", ".venv", "node_modules");

  private final List<Rule> rules;

  private IgnoreRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The default rules plus those of {@code root/.fathomignore} when it exists. */
  public static IgnoreRules forDirectory(Path root) throws IOException {
    Path file = root.resolve(IGNORE_FILE);
    List<String> lines = Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
    return parse(lines);
  }

  static IgnoreRules parse(List<String> lines) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      boolean directoryOnly = line.endsWith("/");
      String pattern = directoryOnly ? line.substring(0, line.length() - 1) : line;
      boolean anchored = pattern.contains("/");
      if (pattern.startsWith("/")) {
        pattern = pattern.substring(1);
      }
      if (pattern.isEmpty()) {
        continue;
      }
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      rules.add(new Rule(matcher, anchored, directoryOnly));
    }
    return new IgnoreRules(rules);
  }

  /**
   * Whether {@code relative} (a path inside the root, {@code /}-separated) is left out; an ignored
   * directory leaves out everything under it.
   */
  public boolean ignores(String relative, boolean directory) {
    String name = relative.substring(relative.lastIndexOf('/') + 1);
    if (directory && DEFAULT_DIRECTORIES.contains(name)) {
      return true;
    }
    for (Rule rule : rules) {
      if (rule.directoryOnly() && !directory) {
        continue;
      }
      Path candidate = Path.of(rule.anchored() ? relative : name);
      if (rule.matcher().matches(candidate)) {
        return true;
      }
    }
    return false;
  }

  private record Rule(PathMatcher matcher, boolean anchored, boolean directoryOnly) {}
}
