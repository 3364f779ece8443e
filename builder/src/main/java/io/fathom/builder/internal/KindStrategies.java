package io.fathom.builder.internal;

import io.fathom.builder.api.CompileLimits;
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

  /** Every strategy this version implements, with the default builder settings. */
  public static KindStrategies standard() {
    return standard(Map.of(), CompileLimits.DEFAULT, new DockerCompileRunner());
  }

  /**
   * Every strategy this version implements: python310 and go124.
   *
   * @param builderImages builder image per compiled kind; a kind not given gets {@link
   *     #defaultBuilderImage}
   */
  public static KindStrategies standard(
      Map<FunctionKind, String> builderImages, CompileLimits limits, CompileRunner runner) {
    Map<FunctionKind, KindStrategy> map = new EnumMap<>(FunctionKind.class);
    map.put(FunctionKind.PYTHON310, new Python310Strategy());
    map.put(
        FunctionKind.GO124,
        new Go124Strategy(
            builderImages.getOrDefault(FunctionKind.GO124, defaultBuilderImage(FunctionKind.GO124)),
            limits,
            runner));
    return new KindStrategies(map);
  }

  /** The offline builder image scripts/images.sh makes for a kind. */
  public static String defaultBuilderImage(FunctionKind kind) {
    return "fathom/builder-" + kind.wireName() + ":latest";
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
