package io.fathom.cli.platform;

/** The caller as the platform sees it; {@code projectId} is null for an organization token. */
record WhoAmI(
    String userId,
    String userName,
    String tokenId,
    String tokenName,
    boolean admin,
    String organizationId,
    String organizationName,
    String projectId,
    String projectName) {

  boolean projectScoped() {
    return projectId != null;
  }

  String tokenScope() {
    return projectScoped()
        ? "project '" + (projectName == null ? projectId : projectName) + "'"
        : "organization";
  }
}
