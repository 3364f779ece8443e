package io.fathom.runtime.model.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;

/**
 * Downloads a model directory from the control plane's MLflow artifact proxy at start (weights are
 * never baked into the image): lists {@code GET …/mlflow-artifacts/artifacts?path=<dir>}
 * recursively and fetches each file from {@code GET …/mlflow-artifacts/artifacts/<dir>/<file>},
 * with the deployment's {@code FATHOM_SDK_AUTHORIZATION} and {@code x-projectid}.
 *
 * <p>It uses {@link HttpURLConnection}, not the JDK {@code HttpClient}: this runs once, at the
 * start of every model server, and on one CPU the {@code HttpClient} spent about half a second
 * before its first byte (it builds the default TLS context even for {@code http://}, then its
 * selector thread); that was most of the platform's cold start over a bare {@code docker run}
 * (docs/benchmarks.md, "Model deployments through the platform").
 */
public final class ArtifactDownloader {
  static final String PROXY = "/api/2.0/mlflow-artifacts/artifacts";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_FILES = 10_000;

  private static final int CONNECT_TIMEOUT_MS = (int) Duration.ofSeconds(10).toMillis();
  private static final int READ_TIMEOUT_MS = (int) Duration.ofMinutes(30).toMillis();

  private final String authorization;
  private final Optional<String> projectId;
  private int files;

  public ArtifactDownloader(String authorization, Optional<String> projectId) {
    this.authorization = authorization;
    this.projectId = projectId;
  }

  /**
   * Downloads the directory at {@code uri} ({@code
   * <base>/api/2.0/mlflow-artifacts/artifacts/<path>}) into {@code target}; returns the number of
   * files.
   */
  public int download(URI uri, Path target) throws IOException {
    String text = uri.toString();
    int at = text.indexOf(PROXY + "/");
    if (at < 0) {
      throw new IOException(
          "FATHOM_MODEL_ARTIFACT_URI "
              + uri
              + " is not an artifact proxy URL (<base>"
              + PROXY
              + "/<path>)");
    }
    String base = text.substring(0, at);
    String path = trimSlashes(text.substring(at + PROXY.length() + 1));
    files = 0;
    Files.createDirectories(target);
    fetchDirectory(base, path, target);
    if (files == 0) {
      throw new IOException("no files at " + uri + ": the model directory is empty or missing");
    }
    return files;
  }

  private void fetchDirectory(String base, String path, Path target) throws IOException {
    URI list =
        URI.create(base + PROXY + "?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
    JsonNode listing;
    try (InputStream body = get(list)) {
      listing = JSON.readTree(body);
    }
    for (JsonNode file : listing.path("files")) {
      String entry = file.path("path").asText();
      String name = entry.substring(entry.lastIndexOf('/') + 1);
      if (name.isEmpty() || name.equals(".") || name.equals("..")) {
        throw new IOException(
            "the artifact listing of " + path + " has a bad entry '" + entry + "'");
      }
      String child = path.isEmpty() ? name : path + "/" + name;
      Path local = target.resolve(name);
      if (file.path("is_dir").asBoolean(false)) {
        Files.createDirectories(local);
        fetchDirectory(base, child, local);
      } else {
        if (++files > MAX_FILES) {
          throw new IOException("the model directory has more than " + MAX_FILES + " files");
        }
        try (InputStream body = get(URI.create(base + PROXY + "/" + encodePath(child)))) {
          Files.copy(body, local, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** The body of a 200 answer to {@code GET uri}; any other status is an error. */
  private InputStream get(URI uri) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
    connection.setReadTimeout(READ_TIMEOUT_MS);
    connection.setRequestProperty("Authorization", authorization);
    projectId.ifPresent(p -> connection.setRequestProperty("x-projectid", p));
    int status = connection.getResponseCode();
    if (status != 200) {
      try (InputStream error = connection.getErrorStream()) {
        if (error != null) {
          error.transferTo(OutputStream.nullOutputStream());
        }
      }
      throw new IOException(
          "GET "
              + uri
              + " answered "
              + status
              + " (check the deployment's FATHOM_SDK_* credentials)");
    }
    return connection.getInputStream();
  }

  private static String encodePath(String path) {
    StringBuilder out = new StringBuilder();
    for (String segment : path.split("/")) {
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return out.toString();
  }

  private static String trimSlashes(String path) {
    String p = path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
