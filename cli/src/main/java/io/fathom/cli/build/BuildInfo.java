package io.fathom.cli.build;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A build as the API returns it (the fields the CLI uses). {@code deploymentId} is set once an
 * {@code autoDeploy} build has created its deployment.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record BuildInfo(
    String id,
    String functionId,
    String revision,
    String status,
    boolean autoDeploy,
    String deploymentId,
    Image image,
    Error error,
    String createdAt,
    String finishedAt) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Image(String reference, String digest) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Error(String code, String message) {}

  boolean finished() {
    return "succeeded".equals(status) || "failed".equals(status) || "cancelled".equals(status);
  }
}
