package io.fathom.cli.deployment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A function deployment as the API returns it. Status and state stay strings: the CLI shows what
 * the server says, and only {@link #isRunning()} and {@link #hasEnded()} interpret them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeploymentInfo(
    String id,
    String functionId,
    String buildId,
    String revision,
    String image,
    String status,
    String state,
    Integer minInstances,
    Error error,
    String createdAt,
    String readyAt,
    String stoppedAt) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Error(String code, String message) {
    @Override
    public String toString() {
      return message + " (" + code + ")";
    }
  }

  public boolean isRunning() {
    return "running".equals(status);
  }

  /** Failed, stopped or superseded: it will never run (again). */
  public boolean hasEnded() {
    return "failed".equals(status) || "stopped".equals(status) || "superseded".equals(status);
  }
}
