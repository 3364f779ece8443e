package io.fathom.builder.internal;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildRequest;
import io.fathom.builder.api.CompileLimits;
import io.fathom.builder.api.WarmMavenSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * jvm21: the user's Maven project built in a builder container ({@link CompileRunner}: {@code mvn
 * package -DskipTests} and the runtime dependencies copied out), then Jib's usual split onto the
 * base image (normally {@code fathom/base-jvm21}: a jlink'd Java runtime with {@code java} on
 * {@code PATH}), run by the JVM function host of {@code runtime-jvm}.
 *
 * <p>Layers, bottom first (the ones that change least first, as Jib orders them): {@code host}
 * ({@code runtime-jvm}'s jar and its dependency jars at {@code /fathom/host}, carried in the
 * builder jar), {@code dependencies} and {@code snapshot-dependencies} (the function's runtime jars
 * at {@code /app/libs}), {@code resources} ({@code /app/resources}) and {@code classes} ({@code
 * /app/classes}); empty layers are left out. Entrypoint {@code java -cp
 * /fathom/host/...:/app/resources:/app/classes:/app/libs/* io.fathom.runtime.host.Main}, no shell;
 * {@code FATHOM_FUNCTION_CLASS} is {@code func.yaml}'s {@code entryPoint}.
 *
 * <p>The container has no network: Maven resolves from the <em>Maven mirror</em>, a read-only
 * directory in repository layout ({@code scripts/maven-mirror.sh} makes it) named in generated
 * settings as the mirror of every repository. A build env with {@code MAVEN_MIRROR_URL} names a
 * remote mirror instead and gives the step the host's network. Maven's local repository lives in a
 * Docker volume per cache scope, {@code pom.xml} and mirror. The compile output is kept under
 * {@code <cacheDir>/jvm21/outputs/SCOPE/KEY}, KEY hashing the cache scope, the staged source, the
 * compile script, the host, the builder image id, the mirror's content key and the build env.
 */
final class Jvm21Strategy implements KindStrategy {
  static final String RESOURCE = "io/fathom/builder/runtime/jvm21";
  static final String HOST_RESOURCE = RESOURCE + "/host";
  static final String SCRIPT_RESOURCE = RESOURCE + "/script";
  static final AbsoluteUnixPath HOST_DIR = AbsoluteUnixPath.get("/fathom/host");
  static final AbsoluteUnixPath APP_DIR = AbsoluteUnixPath.get("/app");
  static final String MAIN_CLASS = "io.fathom.runtime.host.Main";
  static final int PORT = 8080;
  static final String USER = "65534:65534";

  /** The build env variable naming a remote Maven mirror (the step then gets the network). */
  static final String MIRROR_URL_VARIABLE = "MAVEN_MIRROR_URL";

  /** The file in the mirror directory holding its content key (scripts/maven-mirror.sh). */
  static final String MIRROR_KEY_FILE = ".fathom-mirror-key";

  /** Bump when the compile step changes in a way the inputs do not show. */
  private static final String STEP_VERSION = "jvm21-compile v1";

  private final String builderImage;
  private final CompileRunner runner;
  private final Path mavenMirror;
  private final MavenCompile compile;

  Jvm21Strategy(String builderImage, CompileLimits limits, CompileRunner runner, Path mavenMirror) {
    this(builderImage, limits, runner, mavenMirror, new WarmMaven(WarmMavenSettings.OFF, runner));
  }

  Jvm21Strategy(
      String builderImage,
      CompileLimits limits,
      CompileRunner runner,
      Path mavenMirror,
      WarmMaven warm) {
    this.builderImage = builderImage;
    this.runner = runner;
    this.mavenMirror = mavenMirror.toAbsolutePath().normalize();
    this.compile = new MavenCompile(builderImage, limits, runner, this.mavenMirror, warm);
  }

  @Override
  public ImagePlan plan(BuildRequest request, TreeStager stager)
      throws BuildException, InterruptedException {
    return plan(request, stager, event -> {});
  }

  @Override
  public ImagePlan plan(BuildRequest request, TreeStager stager, Consumer<BuildEvent> events)
      throws BuildException, InterruptedException {
    if (!Files.isRegularFile(request.sourceDir().resolve("pom.xml"))) {
      throw new BuildException(
          "missing-pom-xml",
          "A jvm21 function is a Maven project: it needs a pom.xml at the root of its source tree"
              + " (the template has one: fathom i function init --kind jvm21).");
    }
    EntryPoint entryPoint = EntryPoint.fromFuncYaml(request.sourceDir());
    Optional<String> remoteMirror =
        Optional.ofNullable(request.buildEnv().get(MIRROR_URL_VARIABLE)).filter(u -> !u.isBlank());
    String mirrorKey = remoteMirror.isPresent() ? "remote" : mirrorKey(mavenMirror);
    StagedTree host = stageHost(stager);
    String hostJar = hostJar(host);
    StagedTree source = stager.stage(request.sourceDir());
    StagedTree script = stager.stageResource(SCRIPT_RESOURCE);
    Path cache = request.cacheDir().resolve("jvm21");

    String imageId = runner.imageId(builderImage);
    String key =
        compileKey(
            request.cacheScope(),
            source.digest(),
            script.digest(),
            host.digest(),
            imageId,
            mirrorKey,
            Keys.envFingerprint(request.buildEnv()));
    Path outDir = Keys.outputDir(cache.resolve("outputs"), request.cacheScope(), key);
    if (Files.isDirectory(outDir)) {
      events.accept(
          new BuildEvent.Message(
              BuildEvent.Level.LIFECYCLE,
              "compile step skipped: the same source, host, builder image, Maven mirror and build"
                  + " env were compiled before"));
    } else {
      String volume = repositoryVolume(request.cacheScope(), request.sourceDir(), mirrorKey);
      compile.compile(
          new MavenCompile.Inputs(
              request, source, script, hostVersion(hostJar), volume, remoteMirror, imageId),
          cache,
          outDir,
          events);
    }
    StagedTree classes = stager.stage(outDir.resolve("classes"));
    StagedTree libs = stager.stage(outDir.resolve("lib"));

    List<FileEntriesLayer> layers = new ArrayList<>();
    layers.add(host.layer("host", HOST_DIR));
    AbsoluteUnixPath libsDir = APP_DIR.resolve("libs");
    libs.layer("dependencies", libsDir, p -> !isSnapshot(p)).ifPresent(layers::add);
    libs.layer("snapshot-dependencies", libsDir, Jvm21Strategy::isSnapshot).ifPresent(layers::add);
    classes
        .layer("resources", APP_DIR.resolve("resources"), p -> !p.endsWith(".class"))
        .ifPresent(layers::add);
    classes
        .layer("classes", APP_DIR.resolve("classes"), p -> p.endsWith(".class"))
        .ifPresent(layers::add);

    Map<String, String> env = new LinkedHashMap<>();
    env.put("PORT", Integer.toString(PORT));
    env.put("FATHOM_FUNCTION_CLASS", entryPoint.className());
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("io.fathom.kind", request.kind().wireName());
    labels.put("io.fathom.scaffolding-digest", host.digest());
    request.revisionDigest().ifPresent(d -> labels.put("io.fathom.revision-digest", d));

    return new ImagePlan(layers, entrypoint(hostJar), env, "/", PORT, USER, labels);
  }

  /** {@code java -cp HOST:HOST_LIBS:RESOURCES:CLASSES:LIBS Main}: the host first, as local.sh. */
  static List<String> entrypoint(String hostJar) {
    String classpath =
        String.join(
            ":",
            HOST_DIR.resolve(hostJar).toString(),
            HOST_DIR.resolve("lib") + "/*",
            APP_DIR.resolve("resources").toString(),
            APP_DIR.resolve("classes").toString(),
            APP_DIR.resolve("libs") + "/*");
    return List.of("java", "-cp", classpath, MAIN_CLASS);
  }

  /** The compile output's cache key. */
  static String compileKey(
      String cacheScope,
      String sourceDigest,
      String scriptDigest,
      String hostDigest,
      String builderImageId,
      String mirrorKey,
      String envFingerprint) {
    return Keys.sha256(
        STEP_VERSION,
        cacheScope,
        sourceDigest,
        scriptDigest,
        hostDigest,
        builderImageId,
        mirrorKey,
        envFingerprint);
  }

  /**
   * The Docker volume holding Maven's local repository: one per cache scope, {@code pom.xml}
   * content and mirror (a changed mirror, e.g. a new SDK snapshot, starts a fresh repository).
   * Builds write it (plugins run in them), so it is never shared across scopes.
   */
  static String repositoryVolume(String cacheScope, Path sourceDir, String mirrorKey)
      throws BuildException {
    try {
      byte[] pom = Files.readAllBytes(sourceDir.resolve("pom.xml"));
      return Keys.scopedVolume(
          "fathom-jvm21-m2",
          cacheScope,
          Keys.sha256(new String(pom, StandardCharsets.ISO_8859_1), mirrorKey).substring(0, 16));
    } catch (IOException e) {
      throw new BuildException("source-unreadable", "Cannot read pom.xml: " + e.getMessage(), e);
    }
  }

  /**
   * The content key {@code scripts/maven-mirror.sh} wrote into the mirror.
   *
   * @throws BuildException {@code maven-mirror-missing} when the directory or its key is missing
   */
  static String mirrorKey(Path mirror) throws BuildException {
    Path keyFile = mirror.resolve(MIRROR_KEY_FILE);
    try {
      if (Files.isRegularFile(keyFile)) {
        String key = Files.readString(keyFile).strip();
        if (!key.isEmpty()) {
          return key;
        }
      }
    } catch (IOException e) {
      // reported below
    }
    throw new BuildException(
        "maven-mirror-missing",
        "jvm21 builds resolve Maven artifacts from a mirror directory, and "
            + mirror
            + " is not one (no "
            + MIRROR_KEY_FILE
            + "): make it with scripts/maven-mirror.sh "
            + mirror
            + ", or set "
            + MIRROR_URL_VARIABLE
            + " in the function's build env to use a remote Maven mirror.");
  }

  /** Maven's convention: a version ending in -SNAPSHOT (or a timestamped one) changes often. */
  static boolean isSnapshot(String jarPath) {
    return jarPath.contains("-SNAPSHOT")
        || jarPath.matches(".*-\\d{8}\\.\\d{6}-\\d+(-[^/]*)?\\.jar");
  }

  static StagedTree stageHost(TreeStager stager) throws BuildException {
    if (Jvm21Strategy.class.getClassLoader().getResource(HOST_RESOURCE) == null) {
      throw new BuildException(
          "jvm21-host-missing",
          "This builder was packaged without the JVM function host (runtime-jvm's jar and"
              + " libraries under "
              + HOST_RESOURCE
              + "): build the builder with its reactor up to package (./mvnw package -pl builder"
              + " -am).");
    }
    return stager.stageResource(HOST_RESOURCE);
  }

  /** The host's jar in the staged host tree ({@code runtime-jvm-VERSION.jar}). */
  static String hostJar(StagedTree host) throws BuildException {
    return host.entries().stream()
        .map(StagedTree.Entry::path)
        .filter(p -> p.startsWith("runtime-jvm-") && p.endsWith(".jar") && !p.contains("/"))
        .findFirst()
        .orElseThrow(
            () ->
                new BuildException(
                    "jvm21-host-missing",
                    "The builder's JVM function host has no runtime-jvm-*.jar under "
                        + HOST_RESOURCE));
  }

  /** {@code runtime-jvm-0.1.0-SNAPSHOT.jar} → {@code 0.1.0-SNAPSHOT}: the SDK version. */
  static String hostVersion(String hostJar) {
    return hostJar.substring("runtime-jvm-".length(), hostJar.length() - ".jar".length());
  }
}
