package io.fathom.controlplane.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fathom.controlplane.tenancy.Organization;
import io.fathom.controlplane.tenancy.Project;
import io.fathom.controlplane.tenancy.TenantAdmin;
import io.fathom.controlplane.tenancy.User;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of control-plane API tests: a server on a fresh FATHOM_HOME, and a helper to make tenants
 * (organization, project, admin user, tokens) so that every test class works in its own tenant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiTestBase implements TestPropertyProvider {
  public static final String FUNCTIONS = "/api/intelligence/functions/v1";
  public static final String PLATFORM = "/api/platform/v1";

  @Inject
  @Client("/")
  protected HttpClient client;

  @Inject protected TenantAdmin admin;

  protected Path home;

  @Override
  public Map<String, String> getProperties() {
    try {
      home = Files.createTempDirectory("fathom-test-home");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return TestDatabase.properties(home);
  }

  /** A fresh organization with one project and an admin; tokens are issued per need. */
  protected Tenant newTenant() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Organization org = admin.createOrganization("org-" + suffix);
    Project project = admin.createProject(org.id(), "project-" + suffix, "test");
    User user = admin.createUser(org.id(), "admin-" + suffix, true);
    String orgToken = admin.issue(org.id(), user.id(), null, "org-wide", null).secret();
    String projectToken = admin.issue(org.id(), user.id(), project.id(), "scoped", null).secret();
    return new Tenant(org, project, user, orgToken, projectToken);
  }

  /** A tenant: its organization-wide admin token and a token scoped to its project. */
  public record Tenant(
      Organization org, Project project, User user, String orgToken, String projectToken) {

    /** Adds the bearer token and the organization and project headers. */
    public <T> MutableHttpRequest<T> auth(MutableHttpRequest<T> request) {
      return request
          .bearerAuth(orgToken)
          .header("x-organizationid", org.id().toString())
          .header("x-projectid", project.id().toString());
    }
  }

  /** Sends a request and returns the response, whatever its status. */
  protected HttpResponse<String> exchange(MutableHttpRequest<?> request) {
    try {
      return client.toBlocking().exchange(request, String.class);
    } catch (HttpClientResponseException e) {
      @SuppressWarnings("unchecked")
      HttpResponse<String> response = (HttpResponse<String>) e.getResponse();
      return response;
    }
  }

  /** Sends a request and returns its status and parsed JSON body. */
  protected Reply call(MutableHttpRequest<?> request) {
    HttpResponse<String> response = exchange(request);
    String body = response.getBody(String.class).orElse("");
    try {
      return new Reply(
          response.getStatus().getCode(), body.isEmpty() ? null : JSON.readTree(body), response);
    } catch (IOException e) {
      throw new AssertionError("Response is not JSON: " + body, e);
    }
  }

  /** A status, the JSON body and the raw response. */
  public record Reply(int status, JsonNode json, HttpResponse<String> response) {
    public JsonNode data() {
      return json.get("data");
    }

    public String errorCode() {
      return json == null || json.get("error") == null
          ? null
          : json.get("error").get("code").asText();
    }

    public String errorMessage() {
      return json.get("error").get("message").asText();
    }

    @Override
    public String toString() {
      return status + " " + json;
    }
  }

  protected static final ObjectMapper JSON = new ObjectMapper();
}
