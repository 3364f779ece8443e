package io.fathom.cli.ml.deployment;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A deployment tag as given on the command line: {@code key=value}, or a bare {@code key} (the
 * documentation's {@code production}), which is sent with an empty value.
 */
record Tag(String key, String value) {
  Tag {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("a tag needs a key: use KEY or KEY=VALUE");
    }
  }

  /** Splits at the first {@code =}; the value may contain {@code =}. */
  static Tag parse(String text) {
    int equals = text.indexOf('=');
    return equals < 0
        ? new Tag(text, "")
        : new Tag(text.substring(0, equals), text.substring(equals + 1));
  }

  /** Lets picocli report a tag without a key as a usage error. */
  static final class Converter implements ITypeConverter<Tag> {
    @Override
    public Tag convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + value + "': " + e.getMessage());
      }
    }
  }
}
