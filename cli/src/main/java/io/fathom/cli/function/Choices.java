package io.fathom.cli.function;

import java.util.Iterator;
import java.util.List;

/**
 * The values the platform knows, for help texts and shell completion. The CLI passes values
 * through; the server validates them and lists the valid ones on error.
 */
final class Choices {
  private Choices() {}

  static final class Kinds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("python310", "go124", "rust189", "rust186", "jvm21").iterator();
    }
  }

  static final class Sizes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("small", "large", "large-high-mem", "extra-large").iterator();
    }
  }

  static final class Gpus implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("nvidia-l4", "nvidia-l4-2x").iterator();
    }
  }

  static final class GpusOrNone implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("nvidia-l4", "nvidia-l4-2x", "none").iterator();
    }
  }
}
