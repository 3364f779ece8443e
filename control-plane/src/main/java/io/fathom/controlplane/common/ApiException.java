package io.fathom.controlplane.common;

import io.micronaut.http.HttpStatus;

/**
 * The one unchecked exception of the control plane. Every error a client sees is one of these,
 * rendered as {@code {"error": {"code", "message"}}} with {@link #status()}.
 */
public class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final String code;

  public ApiException(HttpStatus status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static ApiException badRequest(String code, String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, code, message);
  }

  public static ApiException notFound(String resource, Object id) {
    return new ApiException(
        HttpStatus.NOT_FOUND, resource + "-not-found", resource + " '" + id + "' was not found");
  }

  public static ApiException conflict(String code, String message) {
    return new ApiException(HttpStatus.CONFLICT, code, message);
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", message);
  }

  public static ApiException forbidden(String code, String message) {
    return new ApiException(HttpStatus.FORBIDDEN, code, message);
  }

  public static ApiException tooLarge(String code, String message) {
    return new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, code, message);
  }

  public static ApiException unprocessable(String code, String message) {
    return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, code, message);
  }
}
