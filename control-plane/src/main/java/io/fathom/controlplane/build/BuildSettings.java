package io.fathom.controlplane.build;

import io.fathom.builder.api.WarmMavenSettings;
import io.fathom.controlplane.config.FathomHome;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Build settings: {@code fathom.builds.concurrency} (builds at once, default 2), {@code
 * fathom.builds.base-image-format} (the runtime base image of kinds that need one, {@code %s} being
 * the kind; default the offline images of {@code scripts/images.sh}; compiled kinds use {@code
 * scratch}), {@code fathom.builds.maven-mirror} (the Maven file mirror jvm21 compile steps resolve
 * from, offline; default {@code $FATHOM_HOME/maven-mirror}, which {@code scripts/maven-mirror.sh}
 * makes and {@code scripts/run.sh} prepares) and {@code fathom.builds.python-wheels} (a directory
 * of wheels python310 dependencies are installed from with {@code pip --no-index}; unset: only a
 * function's own {@code PIP_INDEX_URL} build env can supply them), {@code
 * fathom.builds.warm-maven.max-containers} (jvm21 builder containers kept running a warm Maven
 * between builds, per project and build inputs; default 2, {@code 0} turns the warm Maven off) and
 * {@code fathom.builds.warm-maven.idle-timeout} (a warm container unused this long is removed;
 * default {@code 10m}). The builder's layer cache lives in {@code $FATHOM_HOME/builds/cache}.
 */
@Singleton
public class BuildSettings {
  /** The images {@code scripts/images.sh KIND} makes, in the local Docker daemon. */
  public static final String DEFAULT_BASE_IMAGE_FORMAT = "docker://fathom/base-%s:latest";

  /** Kinds whose image is a static binary that needs no base image. */
  static final java.util.Set<String> STATIC_BINARY_KINDS =
      java.util.Set.of("go124", "rust189", "rust186");

  private final int concurrency;
  private final String baseImageFormat;
  private final Path cacheDir;
  private final Path mavenMirror;
  private final Optional<Path> pythonWheels;
  private final WarmMavenSettings warmMaven;

  /** The settings with the default warm Maven. */
  public BuildSettings(
      int concurrency,
      String baseImageFormat,
      String mavenMirror,
      String pythonWheels,
      FathomHome home) {
    this(
        concurrency,
        baseImageFormat,
        mavenMirror,
        pythonWheels,
        WarmMavenSettings.DEFAULT.idleTimeout(),
        WarmMavenSettings.DEFAULT.maxContainers(),
        home);
  }

  @Inject
  public BuildSettings(
      @Value("${fathom.builds.concurrency:2}") int concurrency,
      @Value("${fathom.builds.base-image-format:}") String baseImageFormat,
      @Value("${fathom.builds.maven-mirror:}") String mavenMirror,
      @Value("${fathom.builds.python-wheels:}") String pythonWheels,
      @Value("${fathom.builds.warm-maven.idle-timeout:10m}") Duration warmMavenIdleTimeout,
      @Value("${fathom.builds.warm-maven.max-containers:2}") int warmMavenMaxContainers,
      FathomHome home) {
    if (concurrency < 1) {
      throw new IllegalArgumentException(
          "fathom.builds.concurrency must be 1 or more, got " + concurrency);
    }
    if (baseImageFormat.isBlank()) {
      baseImageFormat = DEFAULT_BASE_IMAGE_FORMAT;
    }
    if (!baseImageFormat.contains("%s")) {
      throw new IllegalArgumentException(
          "fathom.builds.base-image-format must contain %s (the kind), got " + baseImageFormat);
    }
    this.concurrency = concurrency;
    this.baseImageFormat = baseImageFormat;
    this.cacheDir = home.resolve("builds").resolve("cache");
    this.mavenMirror =
        mavenMirror.isBlank()
            ? home.resolve("maven-mirror")
            : Path.of(mavenMirror).toAbsolutePath();
    this.pythonWheels = wheelDir(pythonWheels);
    if (warmMavenIdleTimeout == null
        || warmMavenIdleTimeout.isNegative()
        || warmMavenIdleTimeout.isZero()) {
      throw new IllegalArgumentException(
          "fathom.builds.warm-maven.idle-timeout must be a positive duration (e.g. 10m), got "
              + warmMavenIdleTimeout);
    }
    if (warmMavenMaxContainers < 0) {
      throw new IllegalArgumentException(
          "fathom.builds.warm-maven.max-containers must be 0 (off) or more, got "
              + warmMavenMaxContainers);
    }
    this.warmMaven = new WarmMavenSettings(warmMavenIdleTimeout, warmMavenMaxContainers);
  }

  /** jvm21's warm Maven ({@code fathom.builds.warm-maven.*}). */
  public WarmMavenSettings warmMaven() {
    return warmMaven;
  }

  private static Optional<Path> wheelDir(String setting) {
    if (setting.isBlank()) {
      return Optional.empty();
    }
    Path dir = Path.of(setting.trim()).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "fathom.builds.python-wheels must name a directory of wheels, got " + setting);
    }
    return Optional.of(dir);
  }

  /** The wheel directory python310 dependencies come from, if configured. */
  public Optional<Path> pythonWheels() {
    return pythonWheels;
  }

  public int concurrency() {
    return concurrency;
  }

  /**
   * The kind's runtime base: compiled kinds ship a static binary on an empty image ({@code
   * scratch}); the others use {@code fathom.builds.base-image-format}.
   */
  public String baseImage(String kind) {
    return STATIC_BINARY_KINDS.contains(kind) ? "scratch" : baseImageFormat.formatted(kind);
  }

  public Path cacheDir() {
    return cacheDir;
  }

  /** The Maven file mirror of jvm21 compile steps ({@code fathom.builds.maven-mirror}). */
  public Path mavenMirror() {
    return mavenMirror;
  }
}
