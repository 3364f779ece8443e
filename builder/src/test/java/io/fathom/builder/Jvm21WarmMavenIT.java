package io.fathom.builder;

import static io.fathom.builder.BuildItSupport.compilerLines;
import static io.fathom.builder.BuildItSupport.copyTree;
import static io.fathom.builder.BuildItSupport.replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildRequest;
import io.fathom.builder.api.BuildResult;
import io.fathom.builder.api.BuildTarget;
import io.fathom.builder.api.Builder;
import io.fathom.builder.api.FunctionKind;
import io.fathom.builder.api.WarmMavenSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * jvm21's warm Maven against the real Docker engine and the real builder image (scripts/images.sh
 * jvm21-builder) with the Maven file mirror (scripts/maven-mirror.sh): warm rebuilds give the cold
 * build's image, compile errors are normal failures, a killed daemon falls back and is replaced,
 * scopes never share a container, the cap and the idle timeout remove them. The tests run in order
 * on one builder (its warm container carries over).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Jvm21WarmMavenIT {
  private static final Path REPO =
      Path.of(System.getProperty("fathom.repo.root", "..")).toAbsolutePath().normalize();
  private static final String BASE = "docker://fathom/base-jvm21:latest";
  private static final String SCOPE = "warm-it-a";
  private static final Pattern WARM_USE =
      Pattern.compile("compile step in the warm Maven \\(container ([0-9a-f]{12}), build (\\d+)");

  /**
   * Kept between runs (Jib's base layers are read once), its compile outputs removed at the start
   * so that every run compiles.
   */
  private static final Path CACHE =
      Path.of(System.getProperty("java.io.tmpdir"), "fathom-it-warm-maven-cache");

  @TempDir static Path work;
  private static Path template;
  private static Builder builder;
  private static final List<String> containers = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void setUp() throws Exception {
    DockerTools.run(REPO, "scripts/docker.sh");
    DockerTools.run(REPO, "scripts/images.sh", "jvm21", "jvm21-builder");
    DockerTools.run(REPO, "scripts/maven-mirror.sh", Jvm21BuildIT.MIRROR.toString());
    deleteTree(CACHE.resolve("jvm21/outputs"));
    template = render("greeter");
    builder = warmBuilder(WarmMavenSettings.DEFAULT);
  }

  @AfterAll
  static void closeRemovesTheWarmContainers() throws Exception {
    if (builder != null) {
      builder.close();
    }
    for (String id : List.copyOf(containers)) {
      assertThat(running(id)).as("warm container %s after close()", id).isFalse();
    }
    for (String tag : List.of("v1", "v2", "cold", "broken", "v3", "v4", "b", "c")) {
      new ProcessBuilder("docker", "image", "rm", "fathom-it/jvm-warm:" + tag)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
    }
  }

  @Test
  @Order(1)
  void warmRebuild_afterASourceChange_usesTheWarmMaven_andGivesTheColdBuildsImage()
      throws Exception {
    List<BuildEvent> first = events();
    builder.build(request(template, "v1", SCOPE), first::add);
    assertThat(lifecycle(first)).anyMatch(t -> t.contains("starting a warm Maven container"));
    String container = warmContainer(first, 1);

    Path changed = copyTree(template, work, "changed");
    replace(
        changed.resolve("src/main/java/com/example/function/Handler.java"),
        "\"Hello, \"",
        "\"Hi, \"");
    List<BuildEvent> second = events();
    BuildResult warm = builder.build(request(changed, "v2", SCOPE), second::add);
    report("warm source-only rebuild", warm);
    assertThat(warmContainer(second, 2)).as("the same warm container").isEqualTo(container);
    assertThat(compilerLines(second))
        .anySatisfy(l -> assertThat(l).contains("fathom: building greeter with Maven 3."))
        .anySatisfy(l -> assertThat(l).contains("(warm Maven, build 2 of this daemon)"))
        .anySatisfy(l -> assertThat(l).contains("fathom: built 3 classes"));
    assertThat(messages(second, BuildEvent.Level.INFO)).anyMatch(t -> t.contains("BUILD SUCCESS"));

    // The same source, Maven in a fresh container (no warm Maven), another scope: a clean build.
    List<BuildEvent> coldEvents = events();
    BuildResult cold;
    try (Builder coldBuilder = warmBuilder(WarmMavenSettings.OFF)) {
      cold = coldBuilder.build(request(changed, "cold", "warm-it-b"), coldEvents::add);
    }
    report("cold build of the same source", cold);
    assertThat(lifecycle(coldEvents)).noneMatch(t -> t.contains("warm Maven"));
    assertThat(compilerLines(coldEvents)).noneMatch(l -> l.contains("warm Maven"));
    assertThat(warm.digest()).as("warm and cold builds give one image").isEqualTo(cold.digest());
  }

  @Test
  @Order(2)
  void compileError_inTheWarmMaven_isCompileFailedWithJavacsMessage_andKeepsTheContainer()
      throws Exception {
    Path broken = copyTree(template, work, "broken");
    replace(
        broken.resolve("src/main/java/com/example/function/Handler.java"),
        "String mlServiceUrl = mlServiceUrl(context.sdk());",
        "String mlServiceUrl = notDefinedAnywhere(context.sdk());");
    List<BuildEvent> events = events();
    BuildException failure =
        catchThrowableOfType(
            BuildException.class,
            () -> builder.build(request(broken, "broken", SCOPE), events::add));
    assertThat(failure).isNotNull();
    assertThat(failure.code()).isEqualTo("compile-failed");
    assertThat(failure.getMessage()).contains("Handler.java").contains("cannot find symbol");
    String container = warmContainer(events, 3);
    assertThat(messages(events, BuildEvent.Level.WARN))
        .noneMatch(t -> t.contains("the warm Maven failed"));
    assertThat(running(container)).as("a compile error keeps the warm container").isTrue();
  }

  @Test
  @Order(3)
  void killedWarmContainer_theBuildFallsBackToAFreshContainer_thenANewDaemonStarts()
      throws Exception {
    String killed = containers.getLast();
    DockerTools.run(REPO, "docker", "kill", killed);

    Path v3 = copyTree(template, work, "v3");
    replace(
        v3.resolve("src/main/java/com/example/function/Handler.java"), "\"Hello, \"", "\"Hey, \"");
    List<BuildEvent> fallback = events();
    builder.build(request(v3, "v3", SCOPE), fallback::add);
    assertThat(messages(fallback, BuildEvent.Level.WARN))
        .anyMatch(t -> t.startsWith("the warm Maven failed ("));
    assertThat(compilerLines(fallback))
        .anySatisfy(l -> assertThat(l).contains("fathom: building greeter"))
        .noneMatch(l -> l.contains("warm Maven"));

    replace(v3.resolve("src/main/java/com/example/function/Handler.java"), "\"Hey, \"", "\"Ho, \"");
    List<BuildEvent> fresh = events();
    builder.build(request(v3, "v4", SCOPE), fresh::add);
    assertThat(lifecycle(fresh)).anyMatch(t -> t.contains("starting a warm Maven container"));
    assertThat(warmContainer(fresh, 1)).isNotEqualTo(killed);
  }

  @Test
  @Order(4)
  void twoScopes_neverShareAContainer_theCapAndTheIdleTimeoutRemoveThem() throws Exception {
    try (Builder capped = warmBuilder(new WarmMavenSettings(Duration.ofSeconds(4), 1))) {
      List<BuildEvent> b = events();
      capped.build(request(template, "b", "warm-it-b"), b::add);
      String containerB = warmContainer(b, 1);
      List<BuildEvent> c = events();
      capped.build(request(template, "c", "warm-it-c"), c::add);
      String containerC = warmContainer(c, 1);
      assertThat(containerC).as("another scope, another container").isNotEqualTo(containerB);
      assertThat(containers).doesNotHaveDuplicates();
      awaitGone(containerB, "the cap (1) removes the least recently used container");
      awaitGone(containerC, "the idle timeout (4 s) removes the last one");
    }
  }

  private static Builder warmBuilder(WarmMavenSettings settings) {
    return Builder.create().withMavenMirror(Jvm21BuildIT.MIRROR).withWarmMaven(settings);
  }

  private static BuildRequest request(Path source, String tag, String scope) {
    return BuildRequest.builder(FunctionKind.JVM21, source)
        .target(BuildTarget.daemon("fathom-it/jvm-warm:" + tag))
        .baseImage(BASE)
        .cacheDir(CACHE)
        .cacheScope(scope)
        .revisionDigest("sha256:" + "3".repeat(64))
        .build();
  }

  /** The warm container the build used (checking it was its daemon's {@code build}th build). */
  private static String warmContainer(List<BuildEvent> events, int build) {
    List<Matcher> uses =
        lifecycle(events).stream().map(WARM_USE::matcher).filter(Matcher::find).toList();
    assertThat(uses).as("events: %s", events).hasSize(1);
    assertThat(uses.getFirst().group(2)).isEqualTo(Integer.toString(build));
    String id = uses.getFirst().group(1);
    if (!containers.contains(id)) {
      containers.add(id);
    }
    return id;
  }

  private static boolean running(String id) throws Exception {
    return !DockerTools.run(REPO, "docker", "ps", "-q", "--filter", "id=" + id).isBlank();
  }

  private static void awaitGone(String id, String why) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (running(id) && System.nanoTime() < until) {
      Thread.sleep(250);
    }
    assertThat(running(id)).as(why).isFalse();
  }

  private static void deleteTree(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static List<BuildEvent> events() {
    return Collections.synchronizedList(new ArrayList<>());
  }

  private static List<String> lifecycle(List<BuildEvent> events) {
    return messages(events, BuildEvent.Level.LIFECYCLE);
  }

  private static List<String> messages(List<BuildEvent> events, BuildEvent.Level level) {
    synchronized (events) {
      return events.stream()
          .filter(e -> e instanceof BuildEvent.Message m && m.level() == level)
          .map(e -> ((BuildEvent.Message) e).text())
          .toList();
    }
  }

  private static Path render(String name) throws Exception {
    return BuildItSupport.renderTemplate(work, "jvm21", name);
  }

  private static void report(String what, BuildResult result) {
    BuildItSupport.report("jvm21", what, result);
  }
}
