package io.fathom.controlplane.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.controlplane.support.ApiTestBase;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class OpenApiTest extends ApiTestBase {

  @Test
  void openapi_isPublicJsonListingTheFunctionEndpoints() {
    Reply reply = call(HttpRequest.GET(FUNCTIONS + "/openapi"));
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("openapi").asText()).startsWith("3.");
    var paths = reply.json().get("paths");
    assertThat(paths.has(FUNCTIONS + "/functions")).isTrue();
    assertThat(paths.has(FUNCTIONS + "/functions/filter")).isTrue();
    assertThat(paths.has(FUNCTIONS + "/functions/{id}/source")).isTrue();
    assertThat(paths.has(PLATFORM + "/tokens")).isTrue();
    assertThat(reply.json().toString()).doesNotContain("ProjectScope").doesNotContain("Caller");
  }

  @Test
  void openapi_asYaml() {
    var response = exchange(HttpRequest.GET(FUNCTIONS + "/openapi?format=yaml"));
    assertThat(response.getBody(String.class).orElseThrow()).startsWith("openapi: 3.");
  }
}
