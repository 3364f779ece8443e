package io.fathom.controlplane.tenancy;

import io.fathom.controlplane.common.ApiError;
import io.fathom.controlplane.common.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Optional;

/**
 * Authenticates every API request by its bearer token and stores the {@link Caller} on the request
 * with the checked {@link ProjectScope} of project resources; {@link TenancyBinders} hands both to
 * controllers. Runs on the blocking executor: it reads the database.
 */
@ServerFilter("/api/**")
public class AuthFilter {
  static final String CALLER = "fathom.caller";
  static final String SCOPE = "fathom.scope";
  private static final String BEARER = "Bearer ";

  private final TenancyService tenancy;

  public AuthFilter(TenancyService tenancy) {
    this.tenancy = tenancy;
  }

  @RequestFilter
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Nullable
  public HttpResponse<?> authenticate(HttpRequest<?> request) {
    if (isPublic(request.getPath())) {
      return null;
    }
    String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return unauthorized("Send an API token as 'Authorization: Bearer <token>'");
    }
    Optional<Caller> caller = tenancy.authenticate(header.substring(BEARER.length()).trim());
    if (caller.isEmpty()) {
      return unauthorized("The token is unknown, revoked or expired");
    }
    request.setAttribute(CALLER, caller.get());
    if (needsProject(request.getPath())) {
      try {
        request.setAttribute(
            SCOPE,
            tenancy.scope(
                caller.get(),
                request.getHeaders().get("x-organizationid"),
                request.getHeaders().get("x-projectid")));
      } catch (ApiException e) {
        return error(e);
      }
    }
    return null;
  }

  /**
   * Project resources live under the intelligence APIs and the MLflow-compatible API (whose clients
   * send only a project-scoped token); platform endpoints need no project.
   */
  static boolean needsProject(String path) {
    return path.startsWith("/api/intelligence/") || path.startsWith("/api/2.0/");
  }

  static boolean isPublic(String path) {
    return path.equals("/api/intelligence/functions/v1/openapi");
  }

  private static HttpResponse<ApiError> unauthorized(String message) {
    return error(ApiException.unauthorized(message));
  }

  private static HttpResponse<ApiError> error(ApiException e) {
    return HttpResponse.<ApiError>status(e.status()).body(ApiError.of(e.code(), e.getMessage()));
  }
}
