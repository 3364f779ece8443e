package io.fathom.builder.internal;

import com.google.cloud.tools.jib.api.Jib;
import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildResult;
import io.fathom.builder.api.BuildTarget;
import io.fathom.builder.api.ModelServerRequest;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * One model server image build: {@code prepare} (the host jars staged, the ONNX Runtime jar checked
 * and split, the image key), then either nothing (the daemon already has the keyed image this cache
 * built) or {@code containerize} (Jib).
 *
 * <p>The <em>key</em> hashes every input: the plan's version, the variant, runtime-jvm's jar and
 * libraries, the model server's own libraries (Netty), the ONNX Runtime jar's content, the base
 * image reference and, for a {@code docker://} base, its image id. The same key gives the same
 * image (the build is reproducible), so the default target tags it {@code
 * fathom/model-server:<variant>-<key>}, and a daemon that has that tag with the image id this cache
 * recorded needs no build.
 */
public final class ModelServerBuild {
  /** Where the builder jar carries runtime-jvm's {@code model-lib/} jars but ONNX Runtime. */
  static final String SERVER_LIB_RESOURCE = "io/fathom/builder/runtime/model-server/lib";

  private final CompileRunner docker;
  private final ModelServerRequest request;
  private final Consumer<BuildEvent> events;
  private final List<BuildResult.Step> steps = new ArrayList<>();

  public ModelServerBuild(
      CompileRunner docker, ModelServerRequest request, Consumer<BuildEvent> events) {
    this.docker = docker;
    this.request = request;
    this.events = events;
  }

  private record Prepared(String key, ImagePlan plan) {}

  public BuildResult run() throws BuildException, InterruptedException {
    Path cache = request.cacheDir();
    Prepared prepared = step("prepare", () -> prepare(cache));
    String reference =
        ModelServerRequest.DEFAULT_REPOSITORY
            + ":"
            + request.variant().tag()
            + "-"
            + prepared.key();
    BuildTarget target = request.target().orElse(BuildTarget.daemon(reference));
    Path record = cache.resolve("model-server").resolve("images").resolve(prepared.key());
    if (target instanceof BuildTarget.Daemon) {
      Optional<BuildResult> existing = existing(target.imageName(), record);
      if (existing.isPresent()) {
        return existing.get();
      }
    }
    List<String> tags = request.target().isEmpty() ? List.of(request.variant().tag()) : List.of();
    Containerize containerize =
        new Containerize(cache.resolve("jib-base"), cache.resolve("jib-app"), events);
    Containerize.Built built =
        step(
            "containerize",
            () -> containerize.run(request.baseImage(), target, tags, prepared.plan()));
    built.layers().forEach(layer -> events.accept(new BuildEvent.LayerReady(layer)));
    BuildResult result =
        new BuildResult(target.imageName(), built.digest(), built.imageId(), built.layers(), steps);
    if (target instanceof BuildTarget.Daemon) {
      remember(record, result);
    }
    return result;
  }

  private Prepared prepare(Path cache) throws BuildException {
    TreeStager stager = new TreeStager(cache.resolve("staged"));
    StagedTree host = Jvm21Strategy.stageHost(stager);
    StagedTree serverLibs = stageServerLibs(stager);
    String jarSha = OnnxRuntimeJar.sha256(request.onnxRuntimeJar());
    OnnxRuntimeJar.check(request.onnxRuntimeJar(), request.variant());
    String key =
        key(
            ModelServerPlan.PLAN_VERSION,
            request.variant().tag(),
            host.digest(),
            serverLibs.digest(),
            jarSha,
            request.baseImage(),
            baseImageId());
    OnnxRuntimeJar.Split split =
        OnnxRuntimeJar.split(
            request.onnxRuntimeJar(),
            jarSha,
            request.variant(),
            cache.resolve("model-server").resolve("onnxruntime"));
    return new Prepared(key, ModelServerPlan.plan(request.variant(), host, serverLibs, split, key));
  }

  /** The model server's libraries but ONNX Runtime (Netty), as this builder was packaged with. */
  static StagedTree stageServerLibs(TreeStager stager) throws BuildException {
    if (ModelServerBuild.class.getClassLoader().getResource(SERVER_LIB_RESOURCE) == null) {
      throw new BuildException(
          "model-server-libraries-missing",
          "This builder was packaged without the model server's libraries (runtime-jvm's"
              + " model-lib/ under "
              + SERVER_LIB_RESOURCE
              + "): build the builder with its reactor up to package (./mvnw package -pl builder"
              + " -am).");
    }
    return stager.stageResource(SERVER_LIB_RESOURCE);
  }

  /** The image key: the first 16 hex digits of a SHA-256 over the inputs. */
  static String key(String... inputs) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String input : inputs) {
        sha.update(input.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A {@code docker://} base's image id (a tag rebuilt in place changes the key); else "". */
  private String baseImageId() throws BuildException {
    String base = request.baseImage();
    if (!base.startsWith(Jib.DOCKER_DAEMON_IMAGE_PREFIX)) {
      return "";
    }
    String name = base.substring(Jib.DOCKER_DAEMON_IMAGE_PREFIX.length());
    Optional<String> id = docker.findImageId(name);
    if (id.isEmpty()) {
      throw new BuildException(
          "base-image-missing",
          "The model server's base image "
              + name
              + " is not in the Docker engine: scripts/images.sh jvm21 makes the offline one.");
    }
    return id.get();
  }

  /** The build this cache recorded for the key, when the daemon still has it as recorded. */
  private Optional<BuildResult> existing(String reference, Path record) throws BuildException {
    if (!Files.isRegularFile(record)) {
      return Optional.empty();
    }
    Properties saved = new Properties();
    try (Reader in = Files.newBufferedReader(record, StandardCharsets.UTF_8)) {
      saved.load(in);
    } catch (IOException e) {
      return Optional.empty();
    }
    String imageId = saved.getProperty("imageId", "");
    if (!docker.findImageId(reference).map(imageId::equals).orElse(false)) {
      return Optional.empty();
    }
    List<BuildResult.Layer> layers = new ArrayList<>();
    for (int i = 0; saved.containsKey("layer." + i + ".name"); i++) {
      layers.add(
          new BuildResult.Layer(
              saved.getProperty("layer." + i + ".name"),
              saved.getProperty("layer." + i + ".digest"),
              Long.parseLong(saved.getProperty("layer." + i + ".size")),
              true));
    }
    events.accept(
        new BuildEvent.Message(
            BuildEvent.Level.LIFECYCLE,
            "containerize skipped: the Docker engine has "
                + reference
                + " ("
                + imageId
                + "), built from the same inputs"));
    layers.forEach(layer -> events.accept(new BuildEvent.LayerReady(layer)));
    return Optional.of(
        new BuildResult(reference, saved.getProperty("digest"), imageId, layers, steps));
  }

  private static void remember(Path record, BuildResult result) throws BuildException {
    Properties saved = new Properties();
    saved.setProperty("reference", result.imageReference());
    saved.setProperty("digest", result.digest());
    saved.setProperty("imageId", result.imageId());
    for (int i = 0; i < result.layers().size(); i++) {
      BuildResult.Layer layer = result.layers().get(i);
      saved.setProperty("layer." + i + ".name", layer.name());
      saved.setProperty("layer." + i + ".digest", layer.digest());
      saved.setProperty("layer." + i + ".size", Long.toString(layer.sizeBytes()));
    }
    try {
      Files.createDirectories(record.getParent());
      Path tmp = Files.createTempFile(record.getParent(), ".record-", "");
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        saved.store(out, null);
      }
      Files.move(tmp, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new BuildException(
          "cache-unusable", "Cannot record the built image in " + record + ": " + e, e);
    }
  }

  private interface Step<T> {
    T run() throws BuildException, InterruptedException;
  }

  private <T> T step(String name, Step<T> step) throws BuildException, InterruptedException {
    events.accept(new BuildEvent.StepStarted(name));
    long start = System.nanoTime();
    T result = step.run();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    steps.add(new BuildResult.Step(name, took));
    events.accept(new BuildEvent.StepFinished(name, took));
    return result;
  }
}
