package io.fathom.builder.api;

import java.util.Set;
import java.util.stream.Collectors;

/** The builder has no strategy for this kind yet; the message lists the kinds it can build. */
public final class UnsupportedKindException extends BuildException {
  private final FunctionKind kind;
  private final Set<FunctionKind> implemented;

  public UnsupportedKindException(FunctionKind kind, Set<FunctionKind> implemented) {
    super(
        "unsupported-kind",
        "The builder cannot build \""
            + kind
            + "\" functions yet. Implemented kinds are "
            + implemented.stream()
                .map(k -> "\"" + k + "\"")
                .sorted()
                .collect(Collectors.joining(", "))
            + ".");
    this.kind = kind;
    this.implemented = Set.copyOf(implemented);
  }

  public FunctionKind kind() {
    return kind;
  }

  public Set<FunctionKind> implemented() {
    return implemented;
  }
}
