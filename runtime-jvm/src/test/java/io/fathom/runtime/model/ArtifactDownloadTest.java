package io.fathom.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fathom.runtime.model.source.ArtifactDownloader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The model directory downloaded at start from an HTTP server that answers the control plane's
 * MLflow artifact proxy routes (list with {@code ?path=}, download by path) from a real model
 * directory, and checks the deployment's credentials on every request.
 */
class ArtifactDownloadTest {
  static final String PROXY = "/api/2.0/mlflow-artifacts/artifacts";

  @Test
  void artifactUri_downloadsEveryFile_withTheSdkCredentials_thenServes() throws Exception {
    Path model = TestModels.model("external");
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer cp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    cp.createContext(PROXY, exchange -> serve(exchange, model, seen));
    cp.start();
    try {
      String uri =
          "http://127.0.0.1:" + cp.getAddress().getPort() + PROXY + "/7/models/m-1/artifacts";
      try (TestServer t =
          TestServer.load(
              "external",
              Map.of(
                  "FATHOM_MODEL_DIR", "",
                  "FATHOM_MODEL_ARTIFACT_URI", uri,
                  "FATHOM_SDK_AUTHORIZATION", "Bearer tok",
                  "FATHOM_SDK_PROJECT_ID", "proj-1"))) {
        assertThat(seen).allMatch(s -> s.endsWith("auth=Bearer tok project=proj-1"));
        assertThat(seen.stream().map(s -> s.split(" ")[0]).toList())
            .contains(
                "list:7/models/m-1/artifacts",
                "get:7/models/m-1/artifacts/MLmodel",
                "get:7/models/m-1/artifacts/model.onnx",
                "get:7/models/m-1/artifacts/weights.bin");
        assertThat(t.log()).contains("downloaded 3 model files");
        String body =
            "{\"inputs\":[{\"name\":\"x\",\"shape\":[4],\"datatype\":\"FP32\",\"data\":[1,1,1,1]}]}";
        assertThat(
                t.client
                    .post("/v2/models/default/infer", body)
                    .json()
                    .at("/outputs/0/data")
                    .toString())
            .isEqualTo("[11.0,21.0,31.0,41.0]");
      }
    } finally {
      cp.stop(0);
    }
  }

  @Test
  void refusedCredentials_failTheDownload_namingTheStatus() throws Exception {
    HttpServer cp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    cp.createContext(
        PROXY,
        exchange -> {
          byte[] body = "{\"error_code\":\"UNAUTHENTICATED\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(401, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    cp.start();
    try {
      URI uri = URI.create("http://127.0.0.1:" + cp.getAddress().getPort() + PROXY + "/7/m");
      Path target = Files.createTempDirectory("fathom-download-test");
      assertThatThrownBy(
              () -> new ArtifactDownloader("Bearer wrong", Optional.empty()).download(uri, target))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("answered 401")
          .hasMessageContaining("FATHOM_SDK_");
      try (Stream<Path> left = Files.list(target)) {
        assertThat(left).isEmpty();
      }
    } finally {
      cp.stop(0);
    }
  }

  private static void serve(HttpExchange exchange, Path model, List<String> seen)
      throws IOException {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    String project = exchange.getRequestHeaders().getFirst("x-projectid");
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getRawQuery();
    byte[] body;
    String prefix = "7/models/m-1/artifacts";
    if (path.equals(PROXY) && query != null && query.startsWith("path=")) {
      String dir = URLDecoder.decode(query.substring(5), StandardCharsets.UTF_8);
      seen.add("list:" + dir + " auth=" + auth + " project=" + project);
      try (Stream<Path> files = Files.list(model)) {
        body =
            ("{\"files\":["
                    + files
                        .map(
                            f ->
                                "{\"path\":\""
                                    + f.getFileName()
                                    + "\",\"is_dir\":false,\"file_size\":"
                                    + f.toFile().length()
                                    + "}")
                        .collect(Collectors.joining(","))
                    + "]}")
                .getBytes(StandardCharsets.UTF_8);
      }
    } else {
      String file = path.substring(PROXY.length() + 1);
      seen.add("get:" + file + " auth=" + auth + " project=" + project);
      body = Files.readAllBytes(model.resolve(file.substring(prefix.length() + 1)));
    }
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
