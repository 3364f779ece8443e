package io.fathom.builder;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildResult;
import io.fathom.scaffolds.Scaffolder;
import io.fathom.scaffolds.TemplateFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** Fixture and event helpers shared by the compiled kinds' builder ITs. */
final class BuildItSupport {
  private BuildItSupport() {}

  /** The builder script's own lines (the compile step ran): they all start with "fathom: ". */
  static List<String> compilerLines(List<BuildEvent> events) {
    synchronized (events) {
      return events.stream()
          .filter(e -> e instanceof BuildEvent.Message m && m.level() == BuildEvent.Level.WARN)
          .map(e -> ((BuildEvent.Message) e).text())
          .filter(t -> t.startsWith("fathom: "))
          .toList();
    }
  }

  /** A copy of {@code fixture} in a new directory under {@code parent}. */
  static Path copyTree(Path fixture, Path parent, String name) throws Exception {
    Path dir = Files.createTempDirectory(parent, name);
    try (Stream<Path> walk = Files.walk(fixture)) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        Path to = dir.resolve(fixture.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(to);
        } else {
          Files.copy(path, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return dir;
  }

  /** Replaces text in a file, failing if the text is not there. */
  /** The kind's template rendered for a function named {@code name}, in a new directory. */
  static Path renderTemplate(Path parent, String kind, String name) throws Exception {
    Path dir = Files.createTempDirectory(parent, name);
    for (TemplateFile file :
        Scaffolder.render(new Scaffolder.Request(kind, name, "Says hello", null, null))) {
      Path to = dir.resolve(file.path());
      Files.createDirectories(to.getParent());
      Files.write(to, file.content());
    }
    return dir;
  }

  static void replace(Path file, String from, String to) throws Exception {
    String text = Files.readString(file);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to));
  }

  /** Prints a build's timings, digest and layers to the test output. */
  static void report(String kind, String what, BuildResult result) {
    System.out.printf(
        "[builder-it] %s %s: %d ms (%s) digest %s layers %s%n",
        kind,
        what,
        result.total().toMillis(),
        result.steps().stream().map(s -> s.name() + " " + s.duration().toMillis() + " ms").toList(),
        result.digest(),
        result.layers().stream()
            .map(l -> l.name() + " " + l.sizeBytes() + " B" + (l.reused() ? " reused" : " built"))
            .toList());
  }
}
