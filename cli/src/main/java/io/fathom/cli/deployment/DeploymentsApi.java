package io.fathom.cli.deployment;

import io.fathom.cli.http.ApiClient;
import io.fathom.cli.http.ApiResponse;
import io.fathom.cli.http.Json;
import java.util.Map;

/** A function's deployments ({@code …/functions/{id}/deployments} and {@code …/deployment}). */
final class DeploymentsApi {
  private static final String FUNCTIONS = "/api/intelligence/functions/v1/functions/";
  private final ApiClient api;

  DeploymentsApi(ApiClient api) {
    this.api = api;
  }

  /** Deploys {@code buildId}: 202 with the pending deployment. */
  ApiResponse create(String functionId, String buildId) {
    return api.post(deployments(functionId), Map.of(), Json.object().put("buildId", buildId));
  }

  /** The function's deployments, newest first. */
  ApiResponse list(String functionId, Map<String, String> page) {
    return api.get(deployments(functionId), page);
  }

  /** Undeploys: the current deployment, now stopped; 404 {@code not-deployed} when none. */
  ApiResponse delete(String functionId) {
    return api.delete(FUNCTIONS + ApiClient.segment(functionId) + "/deployment");
  }

  private static String deployments(String functionId) {
    return FUNCTIONS + ApiClient.segment(functionId) + "/deployments";
  }
}
