package io.fathom.runtime.model.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Downloads a model directory from the control plane's MLflow artifact proxy at start (weights are
 * never baked into the image): lists {@code GET …/mlflow-artifacts/artifacts?path=<dir>}
 * recursively and fetches each file from {@code GET …/mlflow-artifacts/artifacts/<dir>/<file>},
 * with the deployment's {@code FATHOM_SDK_AUTHORIZATION} and {@code x-projectid}.
 */
public final class ArtifactDownloader {
  static final String PROXY = "/api/2.0/mlflow-artifacts/artifacts";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_FILES = 10_000;

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();
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
  public int download(URI uri, Path target) throws IOException, InterruptedException {
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

  private void fetchDirectory(String base, String path, Path target)
      throws IOException, InterruptedException {
    URI list =
        URI.create(base + PROXY + "?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
    HttpResponse<byte[]> response = send(list, HttpResponse.BodyHandlers.ofByteArray());
    JsonNode listing = JSON.readTree(response.body());
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
        send(
            URI.create(base + PROXY + "/" + encodePath(child)),
            HttpResponse.BodyHandlers.ofFile(local));
      }
    }
  }

  private <T> HttpResponse<T> send(URI uri, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofMinutes(30))
            .header("Authorization", authorization);
    projectId.ifPresent(p -> request.header("x-projectid", p));
    HttpResponse<T> response = http.send(request.GET().build(), handler);
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET "
              + uri
              + " answered "
              + response.statusCode()
              + " (check the deployment's FATHOM_SDK_* credentials)");
    }
    return response;
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
