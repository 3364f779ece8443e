package io.fathom.cli.ml.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.cli.http.ApiClient;
import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.http.Json;
import java.util.Map;

/** Model deployments ({@code /api/intelligence/machine-learning/v1/deployments}). */
final class ModelDeploymentsApi {
  static final String DEPLOYMENTS = "/api/intelligence/machine-learning/v1/deployments";
  private final ApiClient api;

  ModelDeploymentsApi(ApiClient api) {
    this.api = api;
  }

  ApiResponse create(JsonNode body) {
    return api.post(DEPLOYMENTS, Map.of(), body);
  }

  ApiResponse list(Map<String, String> page) {
    return api.get(DEPLOYMENTS, page);
  }

  ApiResponse filter(JsonNode filter, Map<String, String> page) {
    return api.post(DEPLOYMENTS + "/filter", page, Json.object().set("filter", filter));
  }

  ApiResponse get(String id) {
    return api.get(path(id), Map.of());
  }

  ApiResponse update(String id, JsonNode patch) {
    return api.patch(path(id), patch);
  }

  void delete(String id) {
    api.delete(path(id));
  }

  /** A V2 inference request, passed through; the answer is the model server's V2 JSON as is. */
  ApiResponse infer(String id, JsonNode request) {
    return api.post(path(id) + "/v2/models/default/infer", Map.of(), request);
  }

  ApiResponse codeSnippets(String id) {
    return api.get(path(id) + "/code-snippets", Map.of());
  }

  private static String path(String id) {
    return DEPLOYMENTS + "/" + ApiClient.segment(id);
  }
}
