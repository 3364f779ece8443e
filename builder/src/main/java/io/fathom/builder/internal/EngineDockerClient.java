package io.fathom.builder.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.DockerClient;
import com.google.cloud.tools.jib.api.DockerInfoDetails;
import com.google.cloud.tools.jib.api.ImageDetails;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.docker.json.DockerManifestEntryTemplate;
import com.google.cloud.tools.jib.image.Image;
import com.google.cloud.tools.jib.image.ImageTarball;
import com.google.cloud.tools.jib.image.Layer;
import com.google.cloud.tools.jib.image.json.ImageToJsonTranslator;
import com.google.cloud.tools.jib.image.json.V22ManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import com.google.cloud.tools.jib.tar.TarStreamBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.lang.reflect.Field;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Jib's {@link DockerClient} over the engine's HTTP API instead of the {@code docker} CLI, chosen
 * by Jib (ServiceLoader) only where the builder marks a daemon image with {@link #MARKER}. Two
 * things make a rebuild fast:
 *
 * <ul>
 *   <li>{@code inspect} of a {@code docker://} base image is one HTTP call, not a CLI process;
 *   <li>{@code load} leaves out the bytes of layers the engine already holds: the legacy loader
 *       looks a layer up by its chain id and reads the file only when the chain is missing, so the
 *       layers the built image shares, as a prefix, with an image named in {@link #LAYER_SOURCES}
 *       (the base image, the previous build under the same tag) go in as empty files. A rebuild
 *       sends its changed layers only, instead of the whole base image (about 50 MB gzipped for
 *       python310). If the engine refuses that, the full image is loaded instead;
 *   <li>nothing is sent at all when every tag already names an image with the same id (a no-change
 *       rebuild).
 * </ul>
 */
public final class EngineDockerClient implements DockerClient {
  /** The daemon image environment key that selects this client. */
  static final String MARKER = "FATHOM_ENGINE_CLIENT";

  /** Comma-separated images whose layers a load may leave out when the built image shares them. */
  static final String LAYER_SOURCES = "FATHOM_LAYER_SOURCES";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant TAR_TIME = Instant.ofEpochSecond(1);
  private static volatile DockerHttpClient http;

  private List<String> layerSources = List.of();

  /** The daemon environment that selects this client and names where shared layers may be. */
  static Map<String, String> environment(List<String> layerSources) {
    return Map.of(MARKER, "1", LAYER_SOURCES, String.join(",", layerSources));
  }

  @Override
  public boolean supported(Map<String, String> parameters) {
    if (!parameters.containsKey(MARKER)) {
      return false;
    }
    String sources = parameters.getOrDefault(LAYER_SOURCES, "");
    layerSources = sources.isBlank() ? List.of() : List.of(sources.split(","));
    return true;
  }

  @Override
  public String load(ImageTarball tarball, Consumer<Long> writtenByteCountListener)
      throws InterruptedException, IOException {
    Optional<Parts> parts = Parts.of(tarball);
    if (parts.isEmpty()) {
      return post(tarball::writeTo);
    }
    if (alreadyLoaded(parts.get())) {
      // A no-change rebuild: every tag already names this very image (same config digest).
      return "Loaded image: " + String.join(", ", parts.get().repoTags()) + " (already there)";
    }
    Set<DescriptorDigest> present = presentLayers(parts.get().image());
    try {
      return post(out -> parts.get().writeTo(out, present));
    } catch (IOException refused) {
      if (present.isEmpty()) {
        throw refused;
      }
      // An image named as a source went away between the lookup and the load: send everything.
      return post(out -> parts.get().writeTo(out, Set.of()));
    }
  }

  @Override
  public void save(
      ImageReference imageReference, Path outputPath, Consumer<Long> writtenByteCountListener)
      throws InterruptedException, IOException {
    try (DockerHttpClient.Response response = get("/images/" + name(imageReference) + "/get");
        InputStream in = response.getBody();
        OutputStream out = Files.newOutputStream(outputPath)) {
      check(response, "docker save " + imageReference);
      byte[] buffer = new byte[1 << 16];
      int read;
      while ((read = in.read(buffer)) > 0) {
        out.write(buffer, 0, read);
        writtenByteCountListener.accept((long) read);
      }
    }
  }

  @Override
  public ImageDetails inspect(ImageReference imageReference) throws IOException {
    JsonNode image =
        inspect(imageReference.toString())
            .orElseThrow(() -> new IOException("No such image: " + imageReference));
    long size = image.path("Size").asLong();
    String id = image.path("Id").asText();
    List<String> diffIds = new ArrayList<>();
    image.path("RootFS").path("Layers").forEach(layer -> diffIds.add(layer.asText()));
    return new ImageDetails() {
      @Override
      public long getSize() {
        return size;
      }

      @Override
      public DescriptorDigest getImageId() throws DigestException {
        return DescriptorDigest.fromDigest(id);
      }

      @Override
      public List<DescriptorDigest> getDiffIds() throws DigestException {
        List<DescriptorDigest> digests = new ArrayList<>();
        for (String diffId : diffIds) {
          digests.add(DescriptorDigest.fromDigest(diffId));
        }
        return digests;
      }
    };
  }

  @Override
  public DockerInfoDetails info() throws IOException {
    try (DockerHttpClient.Response response = get("/info")) {
      check(response, "docker info");
      return JsonTemplateMapper.readJson(response.getBody(), DockerInfoDetails.class);
    }
  }

  /** Whether every tag the load would set already names an image with this image's id. */
  private boolean alreadyLoaded(Parts parts) throws IOException {
    String id = parts.imageId();
    for (String tag : parts.repoTags()) {
      Optional<JsonNode> image = inspect(tag);
      if (image.isEmpty() || !image.get().path("Id").asText().equals(id)) {
        return false;
      }
    }
    return !parts.repoTags().isEmpty();
  }

  /** The blob digests of the built image's leading layers some source image already has. */
  private Set<DescriptorDigest> presentLayers(Image image) throws IOException {
    List<String> built = new ArrayList<>();
    for (Layer layer : image.getLayers()) {
      built.add(layer.getDiffId().toString());
    }
    int shared = 0;
    for (String source : layerSources) {
      Optional<JsonNode> found = inspect(source);
      if (found.isEmpty()) {
        continue;
      }
      JsonNode layers = found.get().path("RootFS").path("Layers");
      int prefix = 0;
      while (prefix < built.size()
          && prefix < layers.size()
          && built.get(prefix).equals(layers.get(prefix).asText())) {
        prefix++;
      }
      shared = Math.max(shared, prefix);
    }
    Set<DescriptorDigest> present = new HashSet<>();
    for (int i = 0; i < shared; i++) {
      present.add(image.getLayers().get(i).getBlobDescriptor().getDigest());
    }
    return present;
  }

  private Optional<JsonNode> inspect(String image) throws IOException {
    try (DockerHttpClient.Response response = get("/images/" + encode(image) + "/json")) {
      if (response.getStatusCode() == 404) {
        return Optional.empty();
      }
      check(response, "docker inspect " + image);
      return Optional.of(JSON.readTree(response.getBody()));
    }
  }

  private interface TarWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  /** POSTs the tar {@code writer} makes to {@code /images/load}, streaming it through a pipe. */
  private static String post(TarWriter writer) throws IOException, InterruptedException {
    PipedInputStream body = new PipedInputStream(1 << 20);
    PipedOutputStream out = new PipedOutputStream(body);
    AtomicReference<IOException> writeError = new AtomicReference<>();
    Thread producer =
        Thread.ofVirtual()
            .name("fathom-image-load")
            .start(
                () -> {
                  try (out) {
                    writer.writeTo(out);
                  } catch (IOException e) {
                    writeError.set(e);
                  }
                });
    String reply;
    try (DockerHttpClient.Response response =
        client()
            .execute(
                DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.POST)
                    .path("/images/load?quiet=1")
                    .putHeader("Content-Type", "application/x-tar")
                    .body(body)
                    .build())) {
      reply = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
      if (response.getStatusCode() / 100 != 2) {
        throw new IOException("docker load failed (" + response.getStatusCode() + "): " + reply);
      }
    } finally {
      body.close();
      producer.join();
    }
    if (writeError.get() != null) {
      throw writeError.get();
    }
    // The reply is a JSON stream; an error while loading comes as {"errorDetail":…} in it.
    if (reply.contains("\"errorDetail\"") || reply.contains("\"error\"")) {
      throw new IOException("docker load failed: " + reply.trim());
    }
    StringBuilder loaded = new StringBuilder();
    for (String line : reply.split("\n")) {
      if (!line.isBlank()) {
        loaded.append(JSON.readTree(line).path("stream").asText());
      }
    }
    return loaded.toString();
  }

  private static DockerHttpClient.Response get(String path) {
    return client()
        .execute(
            DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path(path)
                .build());
  }

  private static void check(DockerHttpClient.Response response, String what) throws IOException {
    if (response.getStatusCode() / 100 != 2) {
      String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
      throw new IOException(what + " failed (" + response.getStatusCode() + "): " + body.trim());
    }
  }

  private static String name(ImageReference reference) {
    return encode(reference.toString());
  }

  private static String encode(String image) {
    return URLEncoder.encode(image, StandardCharsets.UTF_8).replace("%2F", "/");
  }

  private static DockerHttpClient client() {
    DockerHttpClient c = http;
    if (c == null) {
      synchronized (EngineDockerClient.class) {
        c = http;
        if (c == null) {
          DockerClientConfig config =
              DefaultDockerClientConfig.createDefaultConfigBuilder().build();
          c =
              new ApacheDockerHttpClient.Builder()
                  .dockerHost(config.getDockerHost())
                  .sslConfig(config.getSSLConfig())
                  .maxConnections(16)
                  .connectionTimeout(Duration.ofSeconds(10))
                  .build();
          http = c;
        }
      }
    }
    return c;
  }

  /**
   * The built image and its name, read from Jib's tarball (private fields: this Jib version has no
   * accessor); empty when they cannot be read or the image is not in Docker format, and then the
   * tarball is loaded as Jib writes it.
   */
  private record Parts(Image image, ImageReference reference, Set<String> tags) {
    static Optional<Parts> of(ImageTarball tarball) {
      try {
        Image image = (Image) field(tarball, "image");
        if (!V22ManifestTemplate.class.equals(image.getImageFormat())) {
          return Optional.empty();
        }
        ImageReference reference = (ImageReference) field(tarball, "imageReference");
        @SuppressWarnings("unchecked")
        Set<String> tags = (Set<String>) field(tarball, "allTargetImageTags");
        return Optional.of(new Parts(image, reference, tags));
      } catch (ReflectiveOperationException | RuntimeException e) {
        return Optional.empty();
      }
    }

    private static Object field(ImageTarball tarball, String name)
        throws ReflectiveOperationException {
      Field field = ImageTarball.class.getDeclaredField(name);
      field.setAccessible(true);
      return field.get(tarball);
    }

    /** The image's config as Jib writes it; its sha256 is the image id. */
    byte[] config() throws IOException {
      return JsonTemplateMapper.toByteArray(
          new ImageToJsonTranslator(image).getContainerConfiguration());
    }

    String imageId() throws IOException {
      try {
        return "sha256:"
            + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(config()));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    List<String> repoTags() {
      List<String> repoTags = new ArrayList<>();
      for (String tag : tags) {
        repoTags.add(reference.withQualifier(tag).toStringWithQualifier());
      }
      return repoTags;
    }

    /** As Jib's Docker-format tarball, with the layers in {@code present} as empty files. */
    void writeTo(OutputStream out, Set<DescriptorDigest> present) throws IOException {
      TarStreamBuilder tar = new TarStreamBuilder();
      DockerManifestEntryTemplate manifest = new DockerManifestEntryTemplate();
      for (Layer layer : image.getLayers()) {
        DescriptorDigest digest = layer.getBlobDescriptor().getDigest();
        String file = digest.getHash() + ".tar.gz";
        if (present.contains(digest)) {
          tar.addByteEntry(new byte[0], file, TAR_TIME);
        } else {
          tar.addBlobEntry(layer.getBlob(), layer.getBlobDescriptor().getSize(), file, TAR_TIME);
        }
        manifest.addLayerFile(file);
      }
      tar.addByteEntry(config(), "config.json", TAR_TIME);
      manifest.setConfig("config.json");
      repoTags().forEach(manifest::addRepoTag);
      tar.addByteEntry(
          JsonTemplateMapper.toByteArray(Collections.singletonList(manifest)),
          "manifest.json",
          TAR_TIME);
      tar.writeAsTarArchiveTo(out);
    }
  }
}
