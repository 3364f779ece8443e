package io.fathom.cli.testing;

/** API bodies as the control plane sends them. */
public final class Fixtures {
  public static final String FUNCTION_ID = "1fc6c0ba-2ab6-4c0d-8a32-3a6374956aa3";
  public static final String BUILD_ID = "c4c9e7c6-a93e-43a3-ac14-705691c38f72";
  public static final String DEPLOYMENT_ID = "5b0d8f8e-7c1a-4a53-9f0e-2d6f2f1f6c11";

  private Fixtures() {}

  public static String function(String name) {
    return """
    {"id":"%s","organizationId":"org-1","projectId":"proj-1","userId":"u-1",
     "name":"%s","description":"Just testing","kind":"python310",
     "serving":{"size":"small","gpu":null,"timeoutSeconds":300},
     "buildEnv":{},"servingEnv":{"LOG_LEVEL":"debug"},"servingSecrets":{"API_KEY":"********"},
     "schema":{"input":{"type":"object"},"output":null},
     "latestRevision":"v3","createdAt":"2025-01-02T03:04:05.123Z","updatedAt":"2025-01-02T03:04:06Z"}
    """
        .formatted(FUNCTION_ID, name);
  }

  /** A function deployment; {@code state} and {@code error} may be null (JSON text for error). */
  public static String deployment(String id, String status, String state, String error) {
    return """
    {"id":"%s","functionId":"%s","buildId":"%s","revision":"v3",
     "image":"fathom/fn-%s:v3","status":"%s","state":%s,"minInstances":0,"error":%s,
     "createdAt":"2026-01-02T03:04:05.123456Z","readyAt":null,"stoppedAt":null}
    """
        .formatted(
            id,
            FUNCTION_ID,
            BUILD_ID,
            FUNCTION_ID,
            status,
            state == null ? "null" : "\"" + state + "\"",
            error == null ? "null" : error);
  }

  public static String data(String json) {
    return "{\"data\":" + json + "}";
  }

  public static String page(String items, int pageNumber, int totalPages, int total) {
    return "{\"data\":["
        + items
        + "],\"pagination\":{\"pageNumber\":"
        + pageNumber
        + ",\"pageSize\":20,\"totalElements\":"
        + total
        + ",\"totalPages\":"
        + totalPages
        + "}}";
  }

  public static String error(String code, String message) {
    return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
  }

  public static String whoami(String projectId, String projectName) {
    return data(
        """
        {"userId":"u-1","userName":"admin","tokenId":"t-1","tokenName":"bootstrap","admin":true,
         "organizationId":"org-1","organizationName":"default",
         "projectId":%s,"projectName":%s}
        """
            .formatted(quote(projectId), quote(projectName)));
  }

  private static String quote(String value) {
    return value == null ? "null" : "\"" + value + "\"";
  }
}
