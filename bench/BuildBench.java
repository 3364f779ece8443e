import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildRequest;
import io.fathom.builder.api.BuildResult;
import io.fathom.builder.api.BuildTarget;
import io.fathom.builder.api.Builder;
import io.fathom.builder.api.FunctionKind;
import io.fathom.builder.api.WarmMavenSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The image build benchmark (bench/builds.sh): per kind, the builder (daemon target) against
 * `docker build` (legacy builder, --network=none, no pulls) on the same function, first build /
 * source-only rebuild / no-change rebuild, each N times, medians. Run with the builder jar and its
 * dependencies on the class path: java -cp … bench/BuildBench.java REPO WORK N KIND...
 */
public class BuildBench {
  static Path repo;
  static Path work;
  static int n;
  static final Set<String> builderImageIds = new LinkedHashSet<>();
  static final String REVISION = "sha256:" + "b".repeat(64);
  static final List<String> tables = new ArrayList<>();
  static final List<String> checks = new ArrayList<>();
  static final List<Builder> builders = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    repo = Path.of(args[0]).toAbsolutePath().normalize();
    work = Path.of(args[1]).toAbsolutePath().normalize();
    n = Integer.parseInt(args[2]);
    try {
      for (String kind : Arrays.copyOfRange(args, 3, args.length)) {
        bench(kind);
      }
    } finally {
      builders.forEach(Builder::close); // the warm Maven containers
      cleanUp();
    }
    System.out.println();
    for (String c : checks) System.out.println(c);
    System.out.println();
    for (String t : tables) System.out.println(t);
  }

  static void bench(String kind) throws Exception {
    FunctionKind fk = FunctionKind.parse(kind);
    String base =
        switch (kind) {
          case "go124", "rust189" -> "scratch";
          case "jvm21" -> "docker://fathom/base-jvm21:latest";
          default -> "docker://fathom/base-python310:latest";
        };
    Path fixture = repo.resolve("conformance/fixtures/" + kind);
    String handlerRel =
        switch (kind) {
          case "go124" -> "function/handler.go";
          case "rust189" -> "src/function.rs";
          case "jvm21" -> "src/main/java/com/example/fixture/Handler.java";
          default -> "function/func.py";
        };
    String comment = kind.equals("python310") ? "# bench change " : "// bench change ";
    Path kindWork = work.resolve(kind);
    Path src = kindWork.resolve("src");
    copyTree(fixture, src);
    Path handler = src.resolve(handlerRel);
    String original = Files.readString(handler);
    int[] edit = {0};
    Runnable change =
        () -> {
          try {
            Files.writeString(handler, original + comment + (++edit[0]) + "\n");
          } catch (IOException e) {
            throw new RuntimeException(e);
          }
        };
    String tag = "fathom-bench/" + kind + ":builder";
    Builder builder = Builder.create();
    if (kind.equals("jvm21")) {
      builder = builder.withMavenMirror(Path.of(System.getProperty("fathom.bench.maven-mirror")));
      // As the control plane: a warm Maven (fathom.builds.warm-maven.*, default 10 min, 2), made
      // by the first (unmeasured) build and kept for the rest; -Dfathom.bench.warm-maven=off
      // measures Maven in a fresh container every time.
      if (!"off".equals(System.getProperty("fathom.bench.warm-maven"))) {
        builder = builder.withWarmMaven(WarmMavenSettings.DEFAULT);
      }
    }
    builders.add(builder);

    // One unmeasured build in a throwaway cache dir: JVM class loading and JIT of the harness.
    build(builder, fk, base, src, tag, kindWork.resolve("cache-warmup"));

    double[] bFirst = new double[n];
    double[] bSource = new double[n];
    double[] bNoChange = new double[n];
    Path cache = null;
    for (int i = 0; i < n; i++) {
      cache = kindWork.resolve("cache-first-" + i);
      long t0 = System.nanoTime();
      build(builder, fk, base, src, tag, cache);
      bFirst[i] = secs(t0);
    }
    for (int i = 0; i < n; i++) {
      change.run();
      long t0 = System.nanoTime();
      build(builder, fk, base, src, tag, cache);
      bSource[i] = secs(t0);
    }
    String before = build(builder, fk, base, src, tag, cache).digest(); // unmeasured reference
    boolean same = true;
    String digest = null;
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      digest = build(builder, fk, base, src, tag, cache).digest();
      bNoChange[i] = secs(t0);
      same &= digest.equals(before);
    }
    checks.add(
        kind
            + " no-change rebuild digest: "
            + digest
            + (same ? " (the same in all " + n + " builds)" : " (DIFFERS from " + before + ")"));
    System.err.println(checks.get(checks.size() - 1));

    // docker build baseline: a context with the same inputs as the builder's layers.
    Path ctx = kindWork.resolve("docker-context");
    Path classes =
        repo.resolve(
            "builder/"
                + System.getProperty("fathom.bench.target", "target-buildbench")
                + "/classes/io/fathom/builder/runtime");
    Path ctxSource;
    if (kind.equals("go124")) {
      copyTree(classes.resolve("go124"), ctx.resolve("scaffolding"));
      ctxSource = ctx.resolve("src");
    } else if (kind.equals("rust189")) {
      copyTree(classes.resolve("rust"), ctx.resolve("scaffolding"));
      ctxSource = ctx.resolve("src");
    } else if (kind.equals("jvm21")) {
      copyTree(classes.resolve("jvm21/script"), ctx.resolve("scaffolding"));
      copyTree(classes.resolve("jvm21/host"), ctx.resolve("host"));
      copyTree(Path.of(System.getProperty("fathom.bench.maven-mirror")), ctx.resolve("mirror"));
      ctxSource = ctx.resolve("src");
    } else {
      copyTree(classes.resolve("python310/fathom_shim"), ctx.resolve("shim/fathom_shim"));
      ctxSource = ctx.resolve("function");
    }
    Files.writeString(handler, original);
    copyTree(src, ctxSource);
    Path ctxHandler = ctxSource.resolve(handlerRel);
    Path dockerfile = repo.resolve("bench/builds/" + kind + "/Dockerfile");
    String dtag = "fathom-bench/" + kind + ":docker";
    dockerBuild(dockerfile, ctx, dtag, true); // unmeasured: the same warm-up as the builder's
    double[] dFirst = new double[n];
    double[] dSource = new double[n];
    double[] dNoChange = new double[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      dockerBuild(dockerfile, ctx, dtag, true);
      dFirst[i] = secs(t0);
    }
    for (int i = 0; i < n; i++) {
      Files.writeString(ctxHandler, original + comment + "d" + i + "\n");
      long t0 = System.nanoTime();
      dockerBuild(dockerfile, ctx, dtag, false);
      dSource[i] = secs(t0);
    }
    String dBefore = dockerBuild(dockerfile, ctx, dtag, false);
    boolean dSame = true;
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      dSame &= dockerBuild(dockerfile, ctx, dtag, false).equals(dBefore);
      dNoChange[i] = secs(t0);
    }
    checks.add(
        kind
            + " docker build no-change rebuild image id: "
            + dBefore
            + (dSame ? " (the same in all " + n + ")" : " (differs)"));

    String title =
        switch (kind) {
          case "go124" -> "go124 (on scratch)";
          case "rust189" -> "rust189 (on scratch)";
          case "jvm21" -> "jvm21 (on fathom/base-jvm21)";
          default -> "python310 (on fathom/base-python310)";
        };
    StringBuilder t = new StringBuilder();
    t.append("| ")
        .append(title)
        .append(", median of ")
        .append(n)
        .append(" (s) | builder | docker build | docker / builder |\n|---|---|---|---|\n");
    row(t, "first build (empty builder cache dir; `docker build --no-cache`)", bFirst, dFirst);
    row(t, "source-only rebuild (one handler file changed)", bSource, dSource);
    row(t, "no-change rebuild", bNoChange, dNoChange);
    t.append("\nAll runs (s): builder first ")
        .append(fmt(bFirst))
        .append(", source ")
        .append(fmt(bSource))
        .append(", no-change ")
        .append(fmt(bNoChange))
        .append("; docker first ")
        .append(fmt(dFirst))
        .append(", source ")
        .append(fmt(dSource))
        .append(", no-change ")
        .append(fmt(dNoChange))
        .append('\n');
    tables.add(t.toString());
    System.err.println(t);
  }

  static BuildResult build(
      Builder builder, FunctionKind kind, String base, Path src, String tag, Path cache)
      throws Exception {
    BuildResult r =
        builder.build(
            BuildRequest.builder(kind, src)
                .baseImage(base)
                .target(BuildTarget.daemon(tag))
                .cacheDir(cache)
                .revisionDigest(REVISION)
                .build(),
            event -> {
              // Where the compile step ran (the warm Maven's own messages), on stderr.
              if (event instanceof BuildEvent.Message m
                  && (m.level() == BuildEvent.Level.LIFECYCLE || m.level() == BuildEvent.Level.WARN)
                  && m.text().contains("warm Maven")) {
                System.err.println("  [" + m.level() + "] " + m.text());
              }
            });
    builderImageIds.add(r.imageId());
    return r;
  }

  /** Runs the legacy builder; returns the image id. */
  static String dockerBuild(Path dockerfile, Path ctx, String tag, boolean noCache)
      throws Exception {
    Path iid = work.resolve("iid");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "docker", "build", "-q", "--network=none", "-f", dockerfile.toString(), "-t", tag,
                "--iidfile", iid.toString()));
    if (noCache) cmd.add("--no-cache");
    cmd.add(ctx.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("DOCKER_BUILDKIT", "0");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IllegalStateException("docker build failed:\n" + out);
    return Files.readString(iid).trim();
  }

  static void row(StringBuilder t, String name, double[] b, double[] d) {
    double mb = median(b);
    double md = median(d);
    t.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.1f× |%n", name, mb, md, md / mb));
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static String fmt(double[] xs) {
    StringBuilder sb = new StringBuilder();
    for (double x : xs) sb.append(sb.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.2f", x));
    return sb.toString();
  }

  static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(dest);
        else Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** Removes the images this run made: the builder's (by id) and docker build's (by label). */
  static void cleanUp() throws Exception {
    List<String> ids = new ArrayList<>(builderImageIds);
    Process q =
        new ProcessBuilder("docker", "images", "-a", "-q", "--no-trunc", "--filter", "label=io.fathom.bench=builds")
            .start();
    for (String l : new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
      if (!l.isBlank()) ids.add(l.trim());
    }
    q.waitFor();
    List<String> cmd = new ArrayList<>(List.of("docker", "image", "rm", "-f"));
    cmd.addAll(ids);
    if (ids.isEmpty()) return;
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    p.waitFor();
    System.err.println("removed " + ids.size() + " bench image ids");
  }
}
