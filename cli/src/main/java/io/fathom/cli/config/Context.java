package io.fathom.cli.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One saved environment: the control plane's URL, the token and the selected organization and
 * projects. The intelligence project is the one every function command runs in.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Context(
    String url,
    String token,
    String organizationId,
    String dataProjectId,
    String applicationProjectId,
    String intelligenceProjectId) {

  public Context {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(token, "token");
  }
}
