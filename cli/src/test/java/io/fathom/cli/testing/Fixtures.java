package io.fathom.cli.testing;

/** API bodies as the control plane sends them. */
public final class Fixtures {
  public static final String FUNCTION_ID = "1fc6c0ba-2ab6-4c0d-8a32-3a6374956aa3";

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
