package io.fathom.controlplane.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.controlplane.support.ApiTestBase;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class SourceApiTest extends ApiTestBase {
  static final String URI = FUNCTIONS + "/functions";
  static final MediaType GZIP = MediaType.of("application/gzip");
  static final MediaType ZIP = MediaType.of("application/zip");

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(super.getProperties());
    props.put("fathom.source.max-upload-bytes", String.valueOf(256 * 1024));
    props.put("fathom.source.max-files", "20");
    props.put("fathom.source.max-total-bytes", String.valueOf(16 * 1024 * 1024));
    props.put("fathom.source.max-file-bytes", String.valueOf(16 * 1024 * 1024));
    return props;
  }

  String newFunction(Tenant t) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "fn-" + System.nanoTime());
    body.put("description", "source tests");
    body.put("kind", "python310");
    body.put("serving", Map.of("size", "small"));
    return call(t.auth(HttpRequest.POST(URI, body))).data().get("id").asText();
  }

  Reply upload(Tenant t, String id, byte[] archive, MediaType type) {
    return call(t.auth(HttpRequest.PUT(URI + "/" + id + "/source", archive).contentType(type)));
  }

  static final Map<String, String> TREE =
      Map.of(
          "func.yaml", "specVersion: \"1\"\nname: demo\nkind: python310\n",
          "function/__init__.py", "",
          "function/func.py", "def main(data, context):\n    return data\n");

  @Test
  void upload_createsRevisionsV1V2_andDownloadReturnsTheTree() throws IOException {
    Tenant t = newTenant();
    String id = newFunction(t);

    Reply first = upload(t, id, Archives.tarGz(TREE), GZIP);
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.data().get("revision").asText()).isEqualTo("v1");
    assertThat(first.data().get("digest").asText()).startsWith("sha256:").hasSize(71);
    assertThat(first.data().get("fileCount").asInt()).isEqualTo(3);

    Map<String, String> changed = new TreeMap<>(TREE);
    changed.put("function/func.py", "def main(data, context):\n    return {'v': 2}\n");
    Reply second = upload(t, id, Archives.tarGz(changed), GZIP);
    assertThat(second.data().get("revision").asText()).isEqualTo("v2");
    assertThat(second.data().get("digest").asText())
        .isNotEqualTo(first.data().get("digest").asText());

    var function = call(t.auth(HttpRequest.GET(URI + "/" + id))).data();
    assertThat(function.get("latestRevision").asText()).isEqualTo("v2");

    var revisions = call(t.auth(HttpRequest.GET(URI + "/" + id + "/revisions")));
    assertThat(revisions.data())
        .extracting(n -> n.get("revision").asText())
        .containsExactly("v2", "v1");

    var v1 = exchange(t.auth(HttpRequest.GET(URI + "/" + id + "/source?revision=v1")));
    assertThat(v1.getHeaders().get("X-Fathom-Revision")).isEqualTo("v1");
    assertThat(untar(v1.getBody(byte[].class).orElseThrow())).isEqualTo(new TreeMap<>(TREE));

    var latest = exchange(t.auth(HttpRequest.GET(URI + "/" + id + "/source")));
    assertThat(latest.getHeaders().get("X-Fathom-Revision")).isEqualTo("v2");
    assertThat(untar(latest.getBody(byte[].class).orElseThrow())).isEqualTo(changed);
  }

  @Test
  void upload_sameTreeAsZipAndTarGz_hasTheSameDigest() {
    Tenant t = newTenant();
    String id = newFunction(t);
    Map<String, byte[]> zipFiles = new LinkedHashMap<>();
    TREE.forEach((k, v) -> zipFiles.put(k, v.getBytes(StandardCharsets.UTF_8)));

    String tarDigest = upload(t, id, Archives.tarGz(TREE), GZIP).data().get("digest").asText();
    Reply zip = upload(t, id, Archives.zip(zipFiles), ZIP);

    assertThat(zip.status()).isEqualTo(201);
    assertThat(zip.data().get("digest").asText()).isEqualTo(tarDigest);
  }

  @Test
  void upload_keepsTheExecutableBit() throws IOException {
    Tenant t = newTenant();
    String id = newFunction(t);
    upload(
        t, id, Archives.tarGz(tar -> Archives.file(tar, "bin/run.sh", "#!/bin/sh\n", 0755)), GZIP);
    byte[] body =
        exchange(t.auth(HttpRequest.GET(URI + "/" + id + "/source")))
            .getBody(byte[].class)
            .orElseThrow();
    try (var tar =
        new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(body)))) {
      TarArchiveEntry entry = tar.getNextEntry();
      assertThat(entry.getName()).isEqualTo("bin/run.sh");
      assertThat(entry.getMode() & 0777).isEqualTo(0755);
    }
  }

  @Test
  void upload_rejectsAbsolutePath() {
    assertRejected(Archives.tarGz(Map.of("/etc/passwd", "x")), GZIP, 400, "archive-absolute-path");
  }

  @Test
  void upload_rejectsPathTraversal() {
    assertRejected(
        Archives.tarGz(Map.of("a/../../escape.txt", "x")), GZIP, 400, "archive-path-traversal");
  }

  @Test
  void upload_rejectsPathTraversalInZip() {
    assertRejected(
        Archives.zip(Map.of("../escape.txt", new byte[] {1})), ZIP, 400, "archive-path-traversal");
  }

  @Test
  void upload_rejectsSymlinkOutOfTheTree() {
    byte[] archive =
        Archives.tarGz(
            tar -> {
              TarArchiveEntry link =
                  new TarArchiveEntry("function/secrets", TarConstants.LF_SYMLINK);
              link.setLinkName("../../../etc/shadow");
              Archives.entry(tar, link, new byte[0], 0777);
            });
    assertRejected(archive, GZIP, 400, "archive-link-escape");
  }

  @Test
  void upload_rejectsHardLinkOutOfTheTree() {
    byte[] archive =
        Archives.tarGz(
            tar -> {
              TarArchiveEntry link = new TarArchiveEntry("passwd", TarConstants.LF_LINK);
              link.setLinkName("/etc/passwd");
              Archives.entry(tar, link, new byte[0], 0644);
            });
    assertRejected(archive, GZIP, 400, "archive-link-escape");
  }

  @Test
  void upload_rejectsDeviceFiles() {
    byte[] archive =
        Archives.tarGz(
            tar -> {
              TarArchiveEntry dev = new TarArchiveEntry("dev/sda", TarConstants.LF_BLK);
              Archives.entry(tar, dev, new byte[0], 0600);
            });
    assertRejected(archive, GZIP, 400, "archive-special-file");
  }

  @Test
  void upload_rejectsMoreFilesThanTheLimit() {
    Map<String, String> many = new TreeMap<>();
    for (int i = 0; i < 21; i++) {
      many.put("f" + i + ".txt", "x");
    }
    assertRejected(Archives.tarGz(many), GZIP, 413, "archive-too-many-files");
  }

  @Test
  void upload_rejectsAZipBomb() {
    assertRejected(
        Archives.zip(Map.of("zeros.bin", new byte[8 * 1024 * 1024])),
        ZIP,
        413,
        "archive-compression-ratio");
  }

  @Test
  void upload_bodyOverTheUploadLimit_is413() {
    byte[] random = new byte[300 * 1024];
    new Random(2).nextBytes(random);
    assertRejected(random, GZIP, 413, "payload-too-large");
  }

  @Test
  void upload_garbage_isMalformed() {
    assertRejected(
        "not an archive".getBytes(StandardCharsets.UTF_8), GZIP, 400, "archive-malformed");
  }

  @Test
  void upload_unsupportedContentType_is415() {
    assertRejected(
        "x".getBytes(StandardCharsets.UTF_8),
        MediaType.TEXT_PLAIN_TYPE,
        415,
        "unsupported-archive-type");
  }

  @Test
  void upload_manifestOfAnotherKind_isRefused() {
    Tenant t = newTenant();
    String id = newFunction(t);
    Map<String, String> tree = new TreeMap<>(TREE);
    tree.put("func.yaml", "specVersion: \"1\"\nname: demo\nkind: go124\n");
    Reply reply = upload(t, id, Archives.tarGz(tree), GZIP);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("manifest-kind-mismatch");
    assertThat(reply.errorMessage()).contains("go124").contains("python310");
  }

  @Test
  void upload_invalidManifest_namesFieldAndLine() {
    Tenant t = newTenant();
    String id = newFunction(t);
    Map<String, String> tree = new TreeMap<>(TREE);
    tree.put(
        "func.yaml",
        "specVersion: \"1\"\nname: demo\nkind: python310\nserving:\n  timeoutSeconds: soon\n");
    Reply reply = upload(t, id, Archives.tarGz(tree), GZIP);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("invalid-manifest");
    assertThat(reply.errorMessage()).contains("line 5").contains("serving.timeoutSeconds");
  }

  @Test
  void download_unknownOrInvalidRevision() {
    Tenant t = newTenant();
    String id = newFunction(t);
    assertThat(call(t.auth(HttpRequest.GET(URI + "/" + id + "/source"))).errorCode())
        .isEqualTo("revision-not-found");
    upload(t, id, Archives.tarGz(TREE), GZIP);
    assertThat(call(t.auth(HttpRequest.GET(URI + "/" + id + "/source?revision=v9"))).status())
        .isEqualTo(404);
    assertThat(
            call(t.auth(HttpRequest.GET(URI + "/" + id + "/source?revision=latest"))).errorCode())
        .isEqualTo("invalid-revision");
  }

  @Test
  void tenancy_anotherProjectCannotUploadListOrDownload() {
    Tenant a = newTenant();
    Tenant b = newTenant();
    String id = newFunction(a);
    upload(a, id, Archives.tarGz(TREE), GZIP);

    assertThat(upload(b, id, Archives.tarGz(TREE), GZIP).status()).isEqualTo(404);
    assertThat(call(b.auth(HttpRequest.GET(URI + "/" + id + "/revisions"))).status())
        .isEqualTo(404);
    assertThat(call(b.auth(HttpRequest.GET(URI + "/" + id + "/source"))).status()).isEqualTo(404);
    assertThat(call(a.auth(HttpRequest.GET(URI + "/" + id))).data().get("latestRevision").asText())
        .isEqualTo("v1");
  }

  private void assertRejected(byte[] archive, MediaType type, int status, String code) {
    Tenant t = newTenant();
    String id = newFunction(t);
    Reply reply = upload(t, id, archive, type);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    if (code != null) {
      assertThat(reply.errorCode()).isEqualTo(code);
    }
    // Nothing partial is stored.
    assertThat(call(t.auth(HttpRequest.GET(URI + "/" + id + "/revisions"))).data()).isEmpty();
    assertThat(call(t.auth(HttpRequest.GET(URI + "/" + id))).data().get("latestRevision").isNull())
        .isTrue();
  }

  private static Map<String, String> untar(byte[] tarGz) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (var tar =
        new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(tarGz)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        files.put(entry.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return files;
  }
}
