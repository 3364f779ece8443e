package io.fathom.builder.internal;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildRequest;
import io.fathom.builder.api.CompileLimits;
import io.fathom.builder.api.FunctionKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * rust189 and rust186 (one class, parameterised by kind): {@code cargo build --offline} of the
 * function composed with the platform's scaffolding ({@code fathom} and {@code fathom-runtime}
 * crates), in a builder container ({@link CompileRunner}) with Debian's cargo/rustc and packaged
 * crates, into a static glibc binary ({@code +crt-static}); Jib puts it on the base image (normally
 * {@code scratch}: the supervisor re-runs itself through {@code /proc/self/exe}, which the engine
 * mounts, and keeps its worker sockets under {@code /tmp}).
 *
 * <p>Layers, bottom first: {@code runtime-fs} ({@code /tmp}, mode 777) and {@code binary} ({@code
 * /fathom/bin/function}, 755), as go124. A compiled binary is kept under {@code
 * <cacheDir>/KIND/binaries/SCOPE/KEY}, KEY hashing the cache scope, the kind, the staged source,
 * the scaffolding, the builder image id and the build env. The cargo home and target directory live
 * in a Docker volume per cache scope and {@code Cargo.lock} hash ({@code Cargo.toml} hash without a
 * lock), shared by both kinds.
 */
final class Rust189Strategy implements KindStrategy {
  static final String RESOURCE = "io/fathom/builder/runtime/rust";
  static final AbsoluteUnixPath BIN_DIR = AbsoluteUnixPath.get("/fathom/bin");
  static final String BINARY = "function";
  static final int PORT = 8080;
  static final String USER = "65534:65534";

  /** Bump when the compile step changes in a way the inputs do not show. */
  private static final String STEP_VERSION = "rust-compile v1";

  private static final FilePermissions WORLD_WRITABLE = FilePermissions.fromOctalString("777");

  private final FunctionKind kind;
  private final String builderImage;
  private final CompileLimits limits;
  private final CompileRunner runner;

  Rust189Strategy(
      FunctionKind kind, String builderImage, CompileLimits limits, CompileRunner runner) {
    if (kind != FunctionKind.RUST189 && kind != FunctionKind.RUST186) {
      throw new IllegalArgumentException("not a rust kind: " + kind);
    }
    this.kind = kind;
    this.builderImage = builderImage;
    this.limits = limits;
    this.runner = runner;
  }

  @Override
  public ImagePlan plan(BuildRequest request, TreeStager stager)
      throws BuildException, InterruptedException {
    return plan(request, stager, event -> {});
  }

  @Override
  public ImagePlan plan(BuildRequest request, TreeStager stager, Consumer<BuildEvent> events)
      throws BuildException, InterruptedException {
    Path cargoToml = request.sourceDir().resolve("Cargo.toml");
    if (!Files.isRegularFile(cargoToml)) {
      throw new BuildException(
          "missing-cargo-toml",
          "A "
              + kind.wireName()
              + " function needs a Cargo.toml at the root of its source tree (the template has"
              + " one: fathom i function init --kind "
              + kind.wireName()
              + ").");
    }
    StagedTree source = stager.stage(request.sourceDir());
    StagedTree scaffolding = stager.stageResource(RESOURCE);
    Path cache = request.cacheDir().resolve(kind.wireName());

    String imageId = runner.imageId(builderImage);
    String key =
        Keys.sha256(
            STEP_VERSION,
            request.cacheScope(),
            kind.wireName(),
            source.digest(),
            scaffolding.digest(),
            imageId,
            Keys.envFingerprint(request.buildEnv()));
    Path binaries = cache.resolve("binaries");
    Path binDir = Keys.outputDir(binaries, request.cacheScope(), key);
    if (Files.isRegularFile(binDir.resolve(BINARY))) {
      events.accept(
          new BuildEvent.Message(
              BuildEvent.Level.LIFECYCLE,
              "compile step skipped: the same source, scaffolding, builder image and build env"
                  + " were compiled before"));
    } else {
      compile(request, source, scaffolding, cache, binDir, events);
    }
    StagedTree binary = stager.stage(binDir);

    Map<String, String> env = new LinkedHashMap<>();
    env.put("PORT", Integer.toString(PORT));
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("io.fathom.kind", request.kind().wireName());
    labels.put("io.fathom.scaffolding-digest", scaffolding.digest());
    request.revisionDigest().ifPresent(d -> labels.put("io.fathom.revision-digest", d));

    return new ImagePlan(
        List.of(runtimeFs(cache), binary.layer("binary", BIN_DIR)),
        List.of(BIN_DIR.resolve(BINARY).toString()),
        env,
        "/",
        PORT,
        USER,
        labels);
  }

  private void compile(
      BuildRequest request,
      StagedTree source,
      StagedTree scaffolding,
      Path cache,
      Path binDir,
      Consumer<BuildEvent> events)
      throws BuildException, InterruptedException {
    Path workspace = Keys.newWorkspace(cache, "out", "build");
    try {
      Map<String, String> env = new TreeMap<>(request.buildEnv());
      // Crates come from the builder image's packaged crates: the step never has a network.
      boolean network = false;
      CompileOutput output = new CompileOutput(events);
      CompileRunner.Spec spec =
          new CompileRunner.Spec(
              builderImage,
              List.of("bash", "/fathom/scaffolding/compile.sh"),
              env,
              List.of(
                  new CompileRunner.Mount(source.root().toString(), "/fathom/src", true),
                  new CompileRunner.Mount(
                      scaffolding.root().toString(), "/fathom/scaffolding", true),
                  new CompileRunner.Mount(workspace.toString(), "/fathom/workspace", false),
                  new CompileRunner.Mount(
                      cargoCacheVolume(request.cacheScope(), request.sourceDir()),
                      "/fathom/cache",
                      false)),
              network,
              limits,
              Map.of("io.fathom.builder", kind.wireName()));
      int code = runner.run(spec, output, events);
      if (code != 0) {
        String tail = output.tail();
        throw new BuildException(
            "compile-failed",
            "cargo build failed (exit code " + code + ")" + (tail.isEmpty() ? "" : ":\n" + tail));
      }
      Path built = workspace.resolve("out").resolve(BINARY);
      if (!Files.isRegularFile(built)) {
        throw new BuildException(
            "compile-failed", "The compile step succeeded but left no binary at out/" + BINARY);
      }
      Files.setLastModifiedTime(built, FileTime.from(StagedTree.FIXED_TIME));
      Files.createDirectories(binDir.getParent());
      try {
        Files.move(workspace.resolve("out"), binDir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (!Files.isRegularFile(binDir.resolve(BINARY))) {
          throw e;
        }
        // A parallel build of the same inputs got there first.
      }
    } catch (IOException e) {
      throw new BuildException(
          "cache-unusable",
          "Cannot keep the compiled binary in " + binDir + ": " + e.getMessage(),
          e);
    } finally {
      Keys.deleteQuietly(workspace);
    }
  }

  /**
   * {@code /tmp}, world-writable: the supervisor's worker sockets ({@code std::env::temp_dir()})
   * and handlers that write files need it.
   */
  private static FileEntriesLayer runtimeFs(Path cache) throws BuildException {
    try {
      Path empty = Files.createDirectories(cache.resolve("empty-dir"));
      Files.setLastModifiedTime(empty, FileTime.from(StagedTree.FIXED_TIME));
      return FileEntriesLayer.builder()
          .setName("runtime-fs")
          .addEntry(empty, AbsoluteUnixPath.get("/tmp"), WORLD_WRITABLE, StagedTree.FIXED_TIME)
          .build();
    } catch (IOException e) {
      throw new BuildException("cache-unusable", "Cannot write under " + cache, e);
    }
  }

  /**
   * The Docker volume holding the cargo home and target directory: one per {@code Cargo.lock}
   * content, or per {@code Cargo.toml} content ({@code toml-} prefix) when there is no lock, and
   * per cache scope (builds write it: {@code build.rs} runs in them). Both rust kinds share it (the
   * same builder image compiles both).
   */
  static String cargoCacheVolume(String cacheScope, Path sourceDir) throws BuildException {
    Path lock = sourceDir.resolve("Cargo.lock");
    boolean locked = Files.isRegularFile(lock);
    Path keyed = locked ? lock : sourceDir.resolve("Cargo.toml");
    try (InputStream in = Files.newInputStream(keyed)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(in.readAllBytes());
      return Keys.scopedVolume(
          "fathom-rust-cache",
          cacheScope,
          (locked ? "" : "toml-") + HexFormat.of().formatHex(sha.digest()).substring(0, 16));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new BuildException(
          "source-unreadable", "Cannot read " + keyed.getFileName() + ": " + e.getMessage(), e);
    }
  }
}
