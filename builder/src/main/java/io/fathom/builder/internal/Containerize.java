package io.fathom.builder.internal;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.cache.Cache;
import com.google.cloud.tools.jib.cache.CacheCorruptedException;
import com.google.cloud.tools.jib.cache.CachedLayer;
import com.google.common.collect.ImmutableList;
import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildRequest;
import io.fathom.builder.api.BuildResult;
import io.fathom.builder.api.BuildTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Jib: the plan's layers and config on the base image, delivered to the target. Which layers were
 * reused is read from Jib's application layer cache before the build (Jib's {@code Cache}, the same
 * lookup Jib itself makes); digests and sizes after it.
 */
final class Containerize {
  static final String TOOL_NAME = "fathom-builder";

  private final Path baseCache;
  private final Path appCache;
  private final Consumer<BuildEvent> events;

  Containerize(Path baseCache, Path appCache, Consumer<BuildEvent> events) {
    this.baseCache = baseCache;
    this.appCache = appCache;
    this.events = events;
  }

  record Built(String digest, String imageId, List<BuildResult.Layer> layers) {}

  Built run(BuildRequest request, ImagePlan plan) throws BuildException, InterruptedException {
    return run(request.baseImage(), request.target(), List.of(), plan);
  }

  /**
   * Builds {@code plan} on {@code baseImage} to {@code target}, also tagged with each of {@code
   * additionalTags} (tags only, e.g. {@code cpu}) at the same target.
   */
  Built run(String baseImage, BuildTarget target, List<String> additionalTags, ImagePlan plan)
      throws BuildException, InterruptedException {
    try {
      Cache cache = Cache.withDirectory(appCache);
      List<Boolean> reused = new ArrayList<>();
      for (FileEntriesLayer layer : plan.layers()) {
        reused.add(cache.retrieve(ImmutableList.copyOf(layer.getEntries())).isPresent());
      }
      Containerizer containerizer = containerizer(baseImage, target);
      additionalTags.forEach(containerizer::withAdditionalTag);
      JibContainer container = builder(baseImage, plan).containerize(containerizer);
      List<BuildResult.Layer> layers = new ArrayList<>();
      for (int i = 0; i < plan.layers().size(); i++) {
        FileEntriesLayer layer = plan.layers().get(i);
        CachedLayer cached =
            cache
                .retrieve(ImmutableList.copyOf(layer.getEntries()))
                .orElseThrow(
                    () -> new IOException("layer missing from the cache: " + layer.getName()));
        layers.add(
            new BuildResult.Layer(
                layer.getName(), cached.getDigest().toString(), cached.getSize(), reused.get(i)));
      }
      return new Built(container.getDigest().toString(), container.getImageId().toString(), layers);
    } catch (InvalidImageReferenceException e) {
      throw new BuildException("invalid-image-reference", e.getMessage(), e);
    } catch (CacheDirectoryCreationException | CacheCorruptedException e) {
      throw new BuildException(
          "cache-unusable",
          "The build cache " + appCache.getParent() + " is unusable: " + e.getMessage(),
          e);
    } catch (RegistryException e) {
      throw new BuildException("registry-error", e.getMessage(), e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RegistryException) {
        throw new BuildException("registry-error", cause.getMessage(), cause);
      }
      throw new BuildException("image-build-failed", describe(baseImage, cause), cause);
    } catch (IOException e) {
      throw new BuildException("image-build-failed", describe(baseImage, e), e);
    }
  }

  private static String describe(String baseImage, Throwable cause) {
    String message = "Building the image failed: " + cause.getMessage();
    if (baseImage.startsWith(Jib.DOCKER_DAEMON_IMAGE_PREFIX)) {
      message +=
          " (is the base image " + baseImage + " in the Docker daemon? scripts/images.sh makes it)";
    }
    return message;
  }

  private static JibContainerBuilder builder(String baseImage, ImagePlan plan)
      throws InvalidImageReferenceException {
    // A docker:// base is inspected over the engine's API (EngineDockerClient), not the CLI.
    Optional<String> daemonBase = daemonBase(baseImage);
    JibContainerBuilder builder =
        daemonBase.isPresent()
            ? Jib.from(
                DockerDaemonImage.named(daemonBase.get())
                    .setDockerEnvironment(EngineDockerClient.environment(List.of())))
            : Jib.from(baseImage);
    // Added to the base image's environment (PATH, LANG), not replacing it.
    plan.environment().forEach(builder::addEnvironmentVariable);
    return builder
        .setFileEntriesLayers(plan.layers())
        .setEntrypoint(plan.entrypoint())
        .setProgramArguments(List.of())
        .setWorkingDirectory(AbsoluteUnixPath.get(plan.workingDirectory()))
        .setExposedPorts(Set.of(Port.tcp(plan.port())))
        .setUser(plan.user())
        .setLabels(plan.labels())
        .setCreationTime(Instant.EPOCH)
        .setFormat(ImageFormat.Docker);
  }

  /** The base image's name in the engine, when it is a {@code docker://} one. */
  private static Optional<String> daemonBase(String baseImage) {
    return baseImage.startsWith(Jib.DOCKER_DAEMON_IMAGE_PREFIX)
        ? Optional.of(baseImage.substring(Jib.DOCKER_DAEMON_IMAGE_PREFIX.length()))
        : Optional.empty();
  }

  private Containerizer containerizer(String baseImage, BuildTarget target)
      throws InvalidImageReferenceException {
    Containerizer containerizer =
        switch (target) {
          case BuildTarget.Daemon daemon -> {
            // The engine already holds the base image's layers and, usually, the previous build's
            // under the same tag: the load leaves those bytes out (EngineDockerClient).
            List<String> layerSources = new ArrayList<>();
            daemonBase(baseImage).ifPresent(layerSources::add);
            layerSources.add(daemon.imageName());
            yield Containerizer.to(
                DockerDaemonImage.named(daemon.imageName())
                    .setDockerEnvironment(EngineDockerClient.environment(layerSources)));
          }
          case BuildTarget.Registry registry ->
              Containerizer.to(RegistryImage.named(registry.imageName()))
                  .setAllowInsecureRegistries(registry.allowInsecure());
          case BuildTarget.TarFile tar ->
              Containerizer.to(TarImage.at(tar.path()).named(tar.imageName()));
        };
    return containerizer
        .setToolName(TOOL_NAME)
        .setBaseImageLayersCache(baseCache)
        .setApplicationLayersCache(appCache)
        .addEventHandler(
            LogEvent.class,
            e -> events.accept(new BuildEvent.Message(level(e.getLevel()), e.getMessage())));
  }

  private static BuildEvent.Level level(LogEvent.Level level) {
    return switch (level) {
      case ERROR -> BuildEvent.Level.ERROR;
      case WARN -> BuildEvent.Level.WARN;
      case LIFECYCLE -> BuildEvent.Level.LIFECYCLE;
      case PROGRESS -> BuildEvent.Level.PROGRESS;
      case INFO -> BuildEvent.Level.INFO;
      case DEBUG -> BuildEvent.Level.DEBUG;
    };
  }
}
