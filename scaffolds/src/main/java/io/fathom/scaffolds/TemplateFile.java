package io.fathom.scaffolds;

import java.util.Arrays;
import java.util.Objects;

/** One file of a template or of a rendered tree: a relative path, its bytes, its mode. */
public record TemplateFile(String path, byte[] content, boolean executable) {
  public TemplateFile {
    Objects.requireNonNull(path, "path");
    if (path.startsWith("/") || path.contains("..") || path.isBlank()) {
      throw new IllegalArgumentException("template paths are relative and stay inside: " + path);
    }
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TemplateFile f
        && f.path.equals(path)
        && f.executable == executable
        && Arrays.equals(f.content, content);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, executable, Arrays.hashCode(content));
  }
}
