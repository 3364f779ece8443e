package io.fathom.controlplane.mlflow.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.controlplane.mlflow.models.MlflowTestBase;
import io.micronaut.http.HttpRequest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@MicronautTest(transactional = false)
class ArtifactProxyApiTest extends MlflowTestBase {
  static final long LIMIT = 8L * 1024 * 1024;

  @Inject EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(super.getProperties());
    props.put("fathom.artifacts.max-upload-bytes", String.valueOf(LIMIT));
    props.put("micronaut.server.max-request-size", String.valueOf(64L * 1024 * 1024));
    // far below the uploads below: they only pass when streamed, never buffered whole
    props.put("micronaut.server.max-request-buffer-size", String.valueOf(1024 * 1024));
    return props;
  }

  /** Sends a raw request line, untouched by any client-side normalisation. */
  java.net.http.HttpResponse<String> raw(Tenant t, String method, String rawPath)
      throws IOException, InterruptedException {
    var request =
        java.net.http.HttpRequest.newBuilder(URI.create(server.getURL() + rawPath))
            .header("Authorization", "Bearer " + t.projectToken())
            .method(
                method,
                method.equals("PUT") ? BodyPublishers.ofString("x") : BodyPublishers.noBody())
            .build();
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(request, BodyHandlers.ofString());
    }
  }

  @Test
  void putGetListDelete() {
    Tenant t = newTenant();
    String uri = "mlflow-artifacts:/1/abc/artifacts";
    ok(upload(t, uri, "model/MLmodel", "flavors: {}"));
    ok(upload(t, uri, "model/data/weights.bin", new byte[] {1, 2, 3}));
    ok(upload(t, uri, "a%20b+c.txt", "spaces"));

    assertThat(client.toBlocking().retrieve(as(t, HttpRequest.GET(under(uri, "model/MLmodel")))))
        .isEqualTo("flavors: {}");
    assertThat(client.toBlocking().retrieve(as(t, HttpRequest.GET(under(uri, "a%20b+c.txt")))))
        .isEqualTo("spaces");
    JsonNode files = ok(get(t, ARTIFACTS + "?path=1/abc/artifacts/model")).json().get("files");
    assertThat(files.toString())
        .isEqualTo(
            "[{\"path\":\"MLmodel\",\"is_dir\":false,\"file_size\":11},"
                + "{\"path\":\"data\",\"is_dir\":true}]");
    assertThat(ok(get(t, ARTIFACTS + "?path=nothing/here")).json().get("files")).isEmpty();

    ok(delete(t, under(uri, "model")));
    assertThat(get(t, under(uri, "model/MLmodel")).status()).isEqualTo(404);
    assertThat(delete(t, under(uri, "model")).status()).isEqualTo(404);
  }

  @Test
  void otherProjects_seeNothing() {
    Tenant owner = newTenant();
    Tenant other = newTenant();
    String uri = "mlflow-artifacts:/1/run/artifacts";
    ok(upload(owner, uri, "secret.txt", "mine"));

    assertThat(get(other, under(uri, "secret.txt")).status()).isEqualTo(404);
    assertThat(ok(get(other, ARTIFACTS + "?path=1/run/artifacts")).json().get("files")).isEmpty();
    assertThat(delete(other, under(uri, "secret.txt")).status()).isEqualTo(404);
    ok(upload(other, uri, "secret.txt", "theirs"));
    assertThat(client.toBlocking().retrieve(as(owner, HttpRequest.GET(under(uri, "secret.txt")))))
        .isEqualTo("mine");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/../../etc/passwd",
        "/a/../../x",
        "/%2e%2e/x",
        "/%2E%2E/%2E%2E/x",
        "/a/%2e%2e/%2e%2e/x",
        "/a%2F..%2F..%2Fx",
        "/..%2Fx",
        "/a%5C..%5Cx",
        "/a%00b",
        "/%252e%252e/x",
        "//etc/passwd"
      })
  void traversal_isRefused(String suffix) throws Exception {
    Tenant t = newTenant();
    for (String method : List.of("PUT", "GET", "DELETE")) {
      var response = raw(t, method, ARTIFACTS + suffix);
      assertThat(response.statusCode())
          .as(method + " " + suffix + ": " + response.body())
          .isEqualTo(400);
      assertThat(response.body()).contains("INVALID_PARAMETER_VALUE");
    }
    var list = raw(t, "GET", ARTIFACTS + "?path=" + suffix.substring(1));
    assertThat(list.statusCode()).as("list " + suffix + ": " + list.body()).isEqualTo(400);
  }

  @Test
  void largeUpload_isStreamed_andTheLimitHolds() throws Exception {
    Tenant t = newTenant();
    byte[] big = new byte[5 * 1024 * 1024 + 17];
    new Random(7).nextBytes(big);
    String uri = "mlflow-artifacts:/1/big/artifacts";
    ok(upload(t, uri, "model.bin", big));
    byte[] back =
        client.toBlocking().retrieve(as(t, HttpRequest.GET(under(uri, "model.bin"))), byte[].class);
    assertThat(back).isEqualTo(big);

    Reply tooBig = upload(t, uri, "huge.bin", new byte[(int) LIMIT + 1]);
    assertThat(tooBig.status()).isEqualTo(413);
    assertThat(get(t, under(uri, "huge.bin")).status()).isEqualTo(404);
  }

  @Test
  void runListing_relativeToTheRunsRoot() {
    Tenant t = newTenant();
    String experimentId = experiment(t, "listing");
    JsonNode run = run(t, experimentId);
    String runId = run.get("run_id").asText();
    String uri = run.get("artifact_uri").asText();
    assertThat(uri).isEqualTo("mlflow-artifacts:/" + experimentId + "/" + runId + "/artifacts");
    ok(upload(t, uri, "model/MLmodel", "x"));
    ok(upload(t, uri, "notes.txt", "hello"));

    JsonNode root = ok(get(t, MLFLOW + "/artifacts/list?run_id=" + runId)).json();
    assertThat(root.get("root_uri").asText()).isEqualTo(uri);
    assertThat(root.get("files").toString())
        .isEqualTo(
            "[{\"path\":\"model\",\"is_dir\":true},"
                + "{\"path\":\"notes.txt\",\"is_dir\":false,\"file_size\":5}]");
    JsonNode model = ok(get(t, MLFLOW + "/artifacts/list?run_id=" + runId + "&path=model")).json();
    assertThat(model.get("files").findValuesAsText("path")).containsExactly("model/MLmodel");
    assertThat(get(t, MLFLOW + "/artifacts/list?run_id=" + runId + "&path=../x").status())
        .isEqualTo(400);
    assertThat(get(newTenant(), MLFLOW + "/artifacts/list?run_id=" + runId).status())
        .isEqualTo(404);
  }
}
