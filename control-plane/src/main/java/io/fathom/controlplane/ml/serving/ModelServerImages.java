package io.fathom.controlplane.ml.serving;

import io.fathom.builder.api.BuildEvent;
import io.fathom.builder.api.BuildException;
import io.fathom.builder.api.BuildResult;
import io.fathom.builder.api.Builder;
import io.fathom.builder.api.ModelServerRequest;
import io.fathom.builder.api.ModelServerVariant;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ONNX model server's images, one per {@link ModelServerVariant}, built by the {@code builder}
 * library into the local Docker daemon on first use and kept for the life of the process. The
 * builder keys each image by its inputs (runtime-jvm's jars carried in the builder, the ONNX
 * Runtime jar, the base image): a control plane restarted with the same inputs finds the image in
 * the daemon and builds nothing. Calls for one variant are serialised; a failed build is not
 * remembered (the next call tries again).
 */
@Singleton
public class ModelServerImages {
  private static final Logger LOG = LoggerFactory.getLogger(ModelServerImages.class);

  private final ModelServerSettings settings;
  private final Builder builder;
  private final Map<ModelServerVariant, Object> locks = new EnumMap<>(ModelServerVariant.class);
  private final Map<ModelServerVariant, ModelServerImage> built =
      new EnumMap<>(ModelServerVariant.class);

  @Inject
  public ModelServerImages(ModelServerSettings settings) {
    this(settings, Builder.create());
  }

  ModelServerImages(ModelServerSettings settings, Builder builder) {
    this.settings = settings;
    this.builder = builder;
    for (ModelServerVariant variant : ModelServerVariant.values()) {
      locks.put(variant, new Object());
    }
  }

  /**
   * The image reference to start for {@code variant} ({@code fathom/model-server:cpu-<key>}: a tag
   * naming exactly these inputs), building it when needed (tens of seconds the first time).
   *
   * @throws ModelServerImageException with the builder's code, or {@code
   *     model-server-runtime-missing}
   */
  public String image(ModelServerVariant variant) {
    return describe(variant).reference();
  }

  /** The variant's image with its digest and id, building it when needed (see {@link #image}). */
  public ModelServerImage describe(ModelServerVariant variant) {
    synchronized (locks.get(variant)) {
      ModelServerImage image;
      synchronized (built) {
        image = built.get(variant);
      }
      if (image != null) {
        return image;
      }
      image = build(variant);
      synchronized (built) {
        built.put(variant, image);
      }
      return image;
    }
  }

  /** The variant's image if this process has it already; never builds. */
  public Optional<ModelServerImage> ifBuilt(ModelServerVariant variant) {
    synchronized (built) {
      return Optional.ofNullable(built.get(variant));
    }
  }

  @EventListener
  void onStartup(StartupEvent event) {
    for (ModelServerVariant variant : settings.buildAtStartup()) {
      Thread.ofVirtual()
          .name("model-server-image-" + variant.tag())
          .start(
              () -> {
                try {
                  describe(variant);
                } catch (ModelServerImageException e) {
                  LOG.warn(
                      "model server image {} not built at startup: {} ({})",
                      variant.tag(),
                      e.getMessage(),
                      e.code());
                }
              });
    }
  }

  private ModelServerImage build(ModelServerVariant variant) {
    ModelServerRequest request =
        ModelServerRequest.of(variant, settings.onnxRuntimeJar(variant), settings.cacheDir())
            .withBaseImage(settings.baseImage(variant));
    LOG.info(
        "model server image {}: building from {} on {}",
        variant.tag(),
        request.onnxRuntimeJar(),
        request.baseImage());
    try {
      BuildResult result = builder.buildModelServer(request, event -> log(variant, event));
      LOG.info(
          "model server image {}: {} {} in {} ms",
          variant.tag(),
          result.imageReference(),
          result.digest(),
          result.total().toMillis());
      return new ModelServerImage(
          variant, result.imageReference(), result.digest(), result.imageId());
    } catch (BuildException e) {
      throw new ModelServerImageException(
          e.code(),
          "The " + variant.tag() + " model server image cannot be built: " + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelServerImageException(
          "model-server-image-interrupted",
          "Building the " + variant.tag() + " model server image was interrupted",
          e);
    }
  }

  private static void log(ModelServerVariant variant, BuildEvent event) {
    switch (event) {
      case BuildEvent.StepFinished step ->
          LOG.info(
              "model server image {}: {} took {} ms",
              variant.tag(),
              step.step(),
              step.duration().toMillis());
      case BuildEvent.Message message
          when message.level() == BuildEvent.Level.ERROR
              || message.level() == BuildEvent.Level.WARN
              || message.level() == BuildEvent.Level.LIFECYCLE ->
          LOG.info("model server image {}: {}", variant.tag(), message.text());
      default -> LOG.debug("model server image {}: {}", variant.tag(), event);
    }
  }
}
