package io.fathom.builder.internal;

import io.fathom.builder.api.CompileLimits;
import io.fathom.builder.api.FunctionKind;
import io.fathom.builder.api.UnsupportedKindException;
import io.fathom.builder.api.WarmMavenSettings;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The strategy registered for each kind. */
public final class KindStrategies {
  private final Map<FunctionKind, KindStrategy> byKind;

  KindStrategies(Map<FunctionKind, KindStrategy> byKind) {
    this.byKind = new EnumMap<>(byKind);
  }

  /** Every strategy this version implements, with the default builder settings. */
  public static KindStrategies standard() {
    CompileRunner runner = new DockerCompileRunner();
    return standard(
        Map.of(),
        CompileLimits.DEFAULT,
        runner,
        defaultMavenMirror(),
        Optional.empty(),
        new WarmMaven(WarmMavenSettings.OFF, runner));
  }

  /**
   * Every strategy this version implements: python310, go124, rust189, rust186 and jvm21.
   *
   * @param builderImages builder image per compiled kind; a kind not given gets {@link
   *     #defaultBuilderImage}
   * @param mavenMirror the Maven file mirror jvm21 compile steps resolve from
   * @param pythonWheels python310's wheel directory ({@code --no-index --find-links}), if any
   * @param warmMaven jvm21's warm Maven containers (off: {@link WarmMavenSettings#OFF})
   */
  public static KindStrategies standard(
      Map<FunctionKind, String> builderImages,
      CompileLimits limits,
      CompileRunner runner,
      Path mavenMirror,
      Optional<Path> pythonWheels,
      WarmMaven warmMaven) {
    Map<FunctionKind, KindStrategy> map = new EnumMap<>(FunctionKind.class);
    map.put(
        FunctionKind.PYTHON310,
        new Python310Strategy(
            new PythonDependencies(
                builderImages.getOrDefault(
                    FunctionKind.PYTHON310, defaultBuilderImage(FunctionKind.PYTHON310)),
                limits,
                runner,
                pythonWheels)));
    map.put(
        FunctionKind.GO124,
        new Go124Strategy(
            builderImages.getOrDefault(FunctionKind.GO124, defaultBuilderImage(FunctionKind.GO124)),
            limits,
            runner));
    for (FunctionKind rust : new FunctionKind[] {FunctionKind.RUST189, FunctionKind.RUST186}) {
      map.put(
          rust,
          new Rust189Strategy(
              rust, builderImages.getOrDefault(rust, defaultBuilderImage(rust)), limits, runner));
    }
    map.put(
        FunctionKind.JVM21,
        new Jvm21Strategy(
            builderImages.getOrDefault(FunctionKind.JVM21, defaultBuilderImage(FunctionKind.JVM21)),
            limits,
            runner,
            mavenMirror,
            warmMaven));
    return new KindStrategies(map);
  }

  /**
   * The Maven mirror {@code scripts/maven-mirror.sh} makes by default: {@code FATHOM_MAVEN_MIRROR},
   * else {@code $FATHOM_HOME/maven-mirror} ({@code FATHOM_HOME} defaulting to {@code ~/.fathom}).
   */
  public static Path defaultMavenMirror() {
    String mirror = System.getenv("FATHOM_MAVEN_MIRROR");
    if (mirror != null && !mirror.isBlank()) {
      return Path.of(mirror);
    }
    String home = System.getenv("FATHOM_HOME");
    Path fathomHome =
        home != null && !home.isBlank()
            ? Path.of(home)
            : Path.of(System.getProperty("user.home"), ".fathom");
    return fathomHome.resolve("maven-mirror");
  }

  /**
   * The offline builder image scripts/images.sh makes for a kind: {@code fathom/builder-go124}
   * ({@code go124-builder}), {@code fathom/builder-python310} ({@code python310-builder}, for
   * python310's dependency install); one {@code fathom/builder-rust} ({@code rust-builder}) for
   * rust189 and rust186; {@code fathom/builder-jvm21} ({@code jvm21-builder}).
   */
  public static String defaultBuilderImage(FunctionKind kind) {
    if (kind == FunctionKind.RUST189 || kind == FunctionKind.RUST186) {
      return "fathom/builder-rust:latest";
    }
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
