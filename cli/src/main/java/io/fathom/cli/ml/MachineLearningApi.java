package io.fathom.cli.ml;

import io.fathom.cli.http.ApiClient;
import io.fathom.cli.http.ApiResponse;
import java.util.Map;

/** The platform's machine-learning view ({@code /api/intelligence/machine-learning/v1}). */
final class MachineLearningApi {
  static final String BASE = "/api/intelligence/machine-learning/v1";
  private final ApiClient api;

  MachineLearningApi(ApiClient api) {
    this.api = api;
  }

  ApiResponse models(Map<String, String> page) {
    return api.get(BASE + "/logged-models", page);
  }

  ApiResponse model(String id) {
    return api.get(BASE + "/logged-models/" + ApiClient.segment(id), Map.of());
  }

  ApiResponse experiments(Map<String, String> page) {
    return api.get(BASE + "/experiments", page);
  }

  ApiResponse runs(String experimentId, Map<String, String> page) {
    return api.get(BASE + "/experiments/" + ApiClient.segment(experimentId) + "/runs", page);
  }
}
