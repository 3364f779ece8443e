package io.fathom.cli.function;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.cli.http.ApiClient;
import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.http.Download;
import io.fathom.cli.http.Json;
import java.util.Map;

/** The function endpoints ({@code /api/intelligence/functions/v1}). */
final class FunctionsApi {
  static final String FUNCTIONS = "/api/intelligence/functions/v1/functions";
  static final String REVISION_HEADER = "X-Fathom-Revision";
  private final ApiClient api;

  FunctionsApi(ApiClient api) {
    this.api = api;
  }

  ApiResponse create(JsonNode body) {
    return api.post(FUNCTIONS, Map.of(), body);
  }

  ApiResponse list(Map<String, String> page) {
    return api.get(FUNCTIONS, page);
  }

  ApiResponse filter(JsonNode filter, Map<String, String> page) {
    return api.post(FUNCTIONS + "/filter", page, Json.object().set("filter", filter));
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

  ApiResponse uploadSource(String id, byte[] tarGz) {
    return api.put(path(id) + "/source", tarGz, "application/gzip");
  }

  Download downloadSource(String id, String revision) {
    return api.download(
        path(id) + "/source", revision == null ? Map.of() : Map.of("revision", revision));
  }

  ApiResponse revisions(String id, Map<String, String> page) {
    return api.get(path(id) + "/revisions", page);
  }

  private static String path(String id) {
    return FUNCTIONS + "/" + ApiClient.segment(id);
  }
}
