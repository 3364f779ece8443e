package io.fathom.scaffolds;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code FATHOM_SDK_*} variables a function gets (document section 7), computed in one place
 * for deployments and local runs. {@code FATHOM_SDK_BASE_URL} is the platform's intelligence API
 * root, so {@code BASE_URL + SERVICE_PATH_ML + "/openapi"} is the ML service's OpenAPI document and
 * {@code BASE_URL + "/llms/v1"} the LLM API, as the document's examples build them.
 */
public final class SdkEnvironment {
  /** Service paths, relative to {@code FATHOM_SDK_BASE_URL}. */
  public static final Map<String, String> SERVICE_PATHS =
      Map.of(
          "ML", "/machine-learning/v1",
          "LLMS", "/llms/v1",
          "FUNCTIONS", "/functions/v1",
          "MLFLOW", "/mlflow");

  private SdkEnvironment() {}

  /**
   * @param platformUrl the control plane's address as the function can reach it
   * @param token a token for the function's project (without the {@code Bearer} prefix), or null
   */
  public static Map<String, String> of(
      String platformUrl, String token, String organizationId, String projectId) {
    Map<String, String> env = new LinkedHashMap<>();
    String base =
        platformUrl.endsWith("/")
            ? platformUrl.substring(0, platformUrl.length() - 1)
            : platformUrl;
    env.put("FATHOM_SDK_BASE_URL", base + "/api/intelligence");
    if (token != null) {
      env.put("FATHOM_SDK_AUTHORIZATION", "Bearer " + token);
    }
    if (organizationId != null) {
      env.put("FATHOM_SDK_ORGANIZATION_ID", organizationId);
    }
    if (projectId != null) {
      env.put("FATHOM_SDK_PROJECT_ID", projectId);
    }
    SERVICE_PATHS.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> env.put("FATHOM_SDK_SERVICE_PATH_" + e.getKey(), e.getValue()));
    return env;
  }
}
