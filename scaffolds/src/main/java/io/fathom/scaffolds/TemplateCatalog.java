package io.fathom.scaffolds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The per-kind templates shipped in the {@code templates} jar under {@code fathom/templates/KIND/}
 * (or a directory on disk, for a checkout). A template's {@code scaffolding/} folder is platform
 * glue: it is not part of what users get.
 */
public final class TemplateCatalog {
  /** Kinds that have a template, in the order the platform lists them. */
  public static final List<String> KINDS =
      List.of("python310", "go124", "rust189", "rust186", "jvm21");

  static final String ROOT = "fathom/templates/";
  static final String SCAFFOLDING = "scaffolding/";

  private TemplateCatalog() {}

  /** The user files of a kind's template, sorted by path. */
  public static List<TemplateFile> userFiles(String kind) {
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException(
          "'" + kind + "' is not a known kind. Known kinds are " + String.join(", ", KINDS));
    }
    URL url = TemplateCatalog.class.getClassLoader().getResource(ROOT + kind + "/func.yaml");
    if (url == null) {
      throw new IllegalStateException("The " + kind + " template is missing from the classpath");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem fs = jarFileSystem(uri);
        return list(fs.getPath("/" + ROOT + kind));
      }
      return list(Path.of(uri).getParent());
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("Cannot read the " + kind + " template", e);
    }
  }

  private static List<TemplateFile> list(Path root) throws IOException {
    List<TemplateFile> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p :
          walk.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList()) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (rel.startsWith(SCAFFOLDING)) {
          continue;
        }
        files.add(new TemplateFile(rel, Files.readAllBytes(p), rel.endsWith(".sh")));
      }
    }
    return files;
  }

  private static FileSystem jarFileSystem(URI uri) throws IOException {
    try {
      return FileSystems.newFileSystem(uri, Map.of());
    } catch (FileSystemAlreadyExistsException e) {
      return FileSystems.getFileSystem(uri);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
