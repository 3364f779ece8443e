package io.fathom.controlplane.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.controlplane.support.ApiTestBase;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The uncompressed-size limit on its own: the compression-ratio check is set above what deflate can
 * reach, so a small upload that unpacks past the limit meets the size check.
 */
@MicronautTest(transactional = false)
class SourceSizeLimitApiTest extends ApiTestBase {

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(super.getProperties());
    props.put("fathom.source.max-total-bytes", String.valueOf(2 * 1024 * 1024));
    props.put("fathom.source.max-file-bytes", String.valueOf(2 * 1024 * 1024));
    props.put("fathom.source.max-compression-ratio", "5000");
    return props;
  }

  @Test
  void upload_rejectsUncompressedTotalOverTheLimit_andStoresNothing() {
    Tenant t = newTenant();
    String id =
        call(t.auth(
                HttpRequest.POST(
                    FUNCTIONS + "/functions",
                    Map.of(
                        "name", "big",
                        "description", "d",
                        "kind", "go124",
                        "serving", Map.of("size", "small")))))
            .data()
            .get("id")
            .asText();
    byte[] zip = Archives.zip(Map.of("a.bin", new byte[3 * 1024 * 1024]));
    assertThat(zip.length).isLessThan(64 * 1024);

    Reply reply =
        call(
            t.auth(
                HttpRequest.PUT(FUNCTIONS + "/functions/" + id + "/source", zip)
                    .contentType(MediaType.of("application/zip"))));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(413);
    assertThat(reply.errorCode()).isEqualTo("archive-too-large");
    assertThat(call(t.auth(HttpRequest.GET(FUNCTIONS + "/functions/" + id + "/revisions"))).data())
        .isEmpty();
  }
}
