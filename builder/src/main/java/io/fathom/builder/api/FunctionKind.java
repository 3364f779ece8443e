package io.fathom.builder.api;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of function the platform knows, by their wire names ({@code python310}, …). */
public enum FunctionKind {
  PYTHON310("python310"),
  GO124("go124"),
  RUST189("rust189"),
  RUST186("rust186"),
  JVM21("jvm21");

  private final String wireName;

  FunctionKind(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /**
   * The kind with this wire name.
   *
   * @throws IllegalArgumentException naming the valid kinds
   */
  public static FunctionKind parse(String wireName) {
    for (FunctionKind kind : values()) {
      if (kind.wireName.equals(wireName)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "\"" + wireName + "\" is not a known kind. Known kinds are " + names() + ".");
  }

  static String names() {
    return Arrays.stream(values())
        .map(k -> "\"" + k.wireName + "\"")
        .collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return wireName;
  }
}
