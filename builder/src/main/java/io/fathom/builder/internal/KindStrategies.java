package io.fathom.builder.internal;

import io.fathom.builder.api.FunctionKind;
import io.fathom.builder.api.UnsupportedKindException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** The strategy registered for each kind. */
public final class KindStrategies {
  private final Map<FunctionKind, KindStrategy> byKind;

  KindStrategies(Map<FunctionKind, KindStrategy> byKind) {
    this.byKind = new EnumMap<>(byKind);
  }

  /** Every strategy this version implements: python310 only, so far. */
  public static KindStrategies standard() {
    Map<FunctionKind, KindStrategy> map = new EnumMap<>(FunctionKind.class);
    map.put(FunctionKind.PYTHON310, new Python310Strategy());
    return new KindStrategies(map);
  }

  public Set<FunctionKind> implemented() {
    return Set.copyOf(byKind.keySet());
  }

  public KindStrategy forKind(FunctionKind kind) throws UnsupportedKindException {
    KindStrategy strategy = byKind.get(kind);
    if (strategy == null) {
      throw new UnsupportedKindException(kind, byKind.keySet());
    }
    return strategy;
  }
}
