package io.fathom.controlplane.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fathom.controlplane.support.ApiTestBase;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class PlatformApiTest extends ApiTestBase {

  @Test
  void bootstrap_writesAdminTokenFileWithMode600() throws Exception {
    var file = home.resolve("bootstrap-token");
    assertThat(file).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    String token = Files.readString(file).trim();

    var reply = call(HttpRequest.GET(PLATFORM + "/whoami").bearerAuth(token));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.data().get("userName").asText()).isEqualTo("admin");
    assertThat(reply.data().get("admin").asBoolean()).isTrue();
    assertThat(reply.data().get("projectId").isNull()).isTrue();
  }

  @Test
  void requests_withoutToken_areUnauthorized() {
    var reply = call(HttpRequest.GET(PLATFORM + "/whoami"));
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.errorCode()).isEqualTo("unauthorized");
  }

  @Test
  void requests_withUnknownToken_areUnauthorized() {
    var reply = call(HttpRequest.GET(PLATFORM + "/whoami").bearerAuth("fthm_nope"));
    assertThat(reply.status()).isEqualTo(401);
  }

  @Test
  void whoami_ofProjectToken_namesTheProject() {
    Tenant t = newTenant();
    var reply = call(HttpRequest.GET(PLATFORM + "/whoami").bearerAuth(t.projectToken()));
    assertThat(reply.data().get("projectId").asText()).isEqualTo(t.project().id().toString());
    assertThat(reply.data().get("projectName").asText()).isEqualTo(t.project().name());
    assertThat(reply.data().get("organizationId").asText()).isEqualTo(t.org().id().toString());
  }

  @Test
  void projects_createAndList_byAdmin() {
    Tenant t = newTenant();
    var created =
        call(
            HttpRequest.POST(PLATFORM + "/projects", Map.of("name", "second", "description", "d"))
                .bearerAuth(t.orgToken()));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.data().get("name").asText()).isEqualTo("second");

    var list = call(HttpRequest.GET(PLATFORM + "/projects").bearerAuth(t.orgToken()));
    assertThat(list.data())
        .extracting(n -> n.get("name").asText())
        .contains("second", t.project().name());
    assertThat(list.json().get("pagination").get("totalElements").asInt()).isEqualTo(2);
  }

  @Test
  void projects_duplicateName_conflicts() {
    Tenant t = newTenant();
    var reply =
        call(
            HttpRequest.POST(PLATFORM + "/projects", Map.of("name", t.project().name()))
                .bearerAuth(t.orgToken()));
    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.errorCode()).isEqualTo("project-name-taken");
  }

  @Test
  void projects_createWithProjectToken_isForbidden() {
    Tenant t = newTenant();
    var reply =
        call(
            HttpRequest.POST(PLATFORM + "/projects", Map.of("name", "x"))
                .bearerAuth(t.projectToken()));
    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.errorCode()).isEqualTo("admin-required");
  }

  @Test
  void projects_listWithProjectToken_showsOnlyItsProject() {
    Tenant t = newTenant();
    call(
        HttpRequest.POST(PLATFORM + "/projects", Map.of("name", "other")).bearerAuth(t.orgToken()));
    var list = call(HttpRequest.GET(PLATFORM + "/projects").bearerAuth(t.projectToken()));
    assertThat(list.data()).hasSize(1);
    assertThat(list.data().get(0).get("id").asText()).isEqualTo(t.project().id().toString());
  }

  @Test
  void projects_ofAnotherOrganization_areNotFound() {
    Tenant a = newTenant();
    Tenant b = newTenant();
    var reply =
        call(HttpRequest.GET(PLATFORM + "/projects/" + b.project().id()).bearerAuth(a.orgToken()));
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo("project-not-found");
  }

  @Test
  void tokens_issueShowsSecretOnce_andRevokeStopsIt() {
    Tenant t = newTenant();
    var issued =
        call(
            HttpRequest.POST(
                    PLATFORM + "/tokens",
                    Map.of("name", "ci", "projectId", t.project().id().toString()))
                .bearerAuth(t.orgToken()));
    assertThat(issued.status()).isEqualTo(201);
    String secret = issued.data().get("token").asText();
    assertThat(secret).startsWith("fthm_");
    String id = issued.data().get("id").asText();

    var list = call(HttpRequest.GET(PLATFORM + "/tokens").bearerAuth(t.orgToken()));
    assertThat(list.json().toString()).doesNotContain(secret);
    assertThat(list.data()).extracting(n -> n.get("id").asText()).contains(id);

    assertThat(call(HttpRequest.GET(PLATFORM + "/whoami").bearerAuth(secret)).status())
        .isEqualTo(200);
    assertThat(
            call(HttpRequest.DELETE(PLATFORM + "/tokens/" + id).bearerAuth(t.orgToken())).status())
        .isEqualTo(204);
    assertThat(call(HttpRequest.GET(PLATFORM + "/whoami").bearerAuth(secret)).status())
        .isEqualTo(401);
  }

  @Test
  void tokens_projectTokenCannotIssueForAnotherProject() {
    Tenant t = newTenant();
    var other =
        call(
            HttpRequest.POST(PLATFORM + "/projects", Map.of("name", "other"))
                .bearerAuth(t.orgToken()));
    var reply =
        call(
            HttpRequest.POST(
                    PLATFORM + "/tokens",
                    Map.of("name", "x", "projectId", other.data().get("id").asText()))
                .bearerAuth(t.projectToken()));
    assertThat(reply.status()).isEqualTo(404);
  }

  @Test
  void tokens_revokeOfAnotherOrganizationsToken_isNotFound() {
    Tenant a = newTenant();
    Tenant b = newTenant();
    var issued =
        call(HttpRequest.POST(PLATFORM + "/tokens", Map.of("name", "b")).bearerAuth(b.orgToken()));
    var reply =
        call(
            HttpRequest.DELETE(PLATFORM + "/tokens/" + issued.data().get("id").asText())
                .bearerAuth(a.orgToken()));
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo("token-not-found");
  }

  @Test
  void tokens_expiryOutOfRange_isBadRequest() {
    Tenant t = newTenant();
    var reply =
        call(
            HttpRequest.POST(PLATFORM + "/tokens", Map.of("name", "x", "expiresInSeconds", 5))
                .bearerAuth(t.orgToken()));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("invalid-expiry");
  }

  @Test
  void unknownRoute_answersInTheErrorShape() {
    Tenant t = newTenant();
    var reply = call(HttpRequest.GET(PLATFORM + "/nope").bearerAuth(t.orgToken()));
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo("not-found");
  }
}
