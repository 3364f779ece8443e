package io.fathom.controlplane.tenancy;

import io.micronaut.core.annotation.Nullable;
import java.util.UUID;

/** Who is calling: the user and token behind a request's bearer token. */
public record Caller(
    UUID userId,
    String userName,
    boolean admin,
    UUID tokenId,
    String tokenName,
    UUID organizationId,
    @Nullable UUID tokenProjectId) {

  /** True when the token is confined to one project. */
  public boolean projectScoped() {
    return tokenProjectId != null;
  }
}
