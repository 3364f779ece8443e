package io.fathom.cli.platform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fathom.cli.http.ApiClient;
import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.http.Json;
import java.util.Map;

/** The platform endpoints: identity, projects and tokens ({@code /api/platform/v1}). */
final class PlatformApi {
  static final String BASE = "/api/platform/v1";
  private final ApiClient api;

  PlatformApi(ApiClient api) {
    this.api = api;
  }

  WhoAmI whoami() {
    return api.get(BASE + "/whoami", Map.of()).data(WhoAmI.class);
  }

  ApiResponse projects(Map<String, String> query) {
    return api.get(BASE + "/projects", query);
  }

  ApiResponse createProject(String name, String description) {
    ObjectNode body = Json.object().put("name", name);
    if (description != null) {
      body.put("description", description);
    }
    return api.post(BASE + "/projects", Map.of(), body);
  }

  ApiResponse tokens(Map<String, String> query) {
    return api.get(BASE + "/tokens", query);
  }

  ApiResponse createToken(String name, String projectId, Long expiresInSeconds) {
    ObjectNode body = Json.object().put("name", name);
    if (projectId != null) {
      body.put("projectId", projectId);
    }
    if (expiresInSeconds != null) {
      body.put("expiresInSeconds", expiresInSeconds);
    }
    return api.post(BASE + "/tokens", Map.of(), body);
  }

  void revokeToken(String id) {
    api.delete(BASE + "/tokens/" + ApiClient.segment(id));
  }
}
