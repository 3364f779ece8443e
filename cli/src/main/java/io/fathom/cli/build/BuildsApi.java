package io.fathom.cli.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fathom.cli.http.ApiClient;
import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.http.Json;
import io.fathom.cli.runtime.Session;
import java.util.Map;
import java.util.function.Consumer;

/** The build endpoints ({@code /api/intelligence/functions/v1/…/builds}). */
final class BuildsApi {
  static final String BASE = "/api/intelligence/functions/v1";
  private final ApiClient api;

  BuildsApi(Session session) {
    this.api = session.api();
  }

  ApiResponse create(String functionId, String revision, boolean autoDeploy) {
    ObjectNode body = Json.object();
    if (revision != null) {
      body.put("revision", revision);
    }
    if (autoDeploy) {
      body.put("autoDeploy", true);
    }
    return api.post(builds(functionId), Map.of(), body);
  }

  ApiResponse get(String functionId, String buildId) {
    return api.get(build(functionId, buildId), Map.of());
  }

  ApiResponse list(String functionId, Map<String, String> page) {
    return functionId == null ? api.get(BASE + "/builds", page) : api.get(builds(functionId), page);
  }

  ApiResponse cancel(String functionId, String buildId) {
    return api.post(build(functionId, buildId) + "/cancel", Map.of(), Json.object());
  }

  /**
   * Reads the build's NDJSON log, handing each line to {@code line}; with {@code follow}, until the
   * build ends.
   */
  void logs(String functionId, String buildId, boolean follow, Consumer<JsonNode> line) {
    api.stream(
        build(functionId, buildId) + "/logs", follow ? Map.of("follow", "true") : Map.of(), line);
  }

  private static String builds(String functionId) {
    return BASE + "/functions/" + ApiClient.segment(functionId) + "/builds";
  }

  private static String build(String functionId, String buildId) {
    return builds(functionId) + "/" + ApiClient.segment(buildId);
  }
}
