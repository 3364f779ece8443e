package io.fathom.controlplane.common;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * Puts Micronaut's own errors (unknown route, wrong method, unreadable JSON, body too large,
 * unexpected exceptions) into the same {@code {"error": {code, message}}} shape as ours. Internal
 * exception messages never leak: a 500 says only that something went wrong.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ApiErrorResponseProcessor implements ErrorResponseProcessor<ApiError> {

  @Override
  public MutableHttpResponse<ApiError> processResponse(
      ErrorContext context, MutableHttpResponse<?> response) {
    HttpStatus status = response.getStatus();
    String code = codeFor(status);
    String message =
        status.getCode() >= 500
            ? "The server failed to handle the request; see the server log"
            : context.getErrors().stream()
                .map(e -> e.getMessage())
                .collect(Collectors.joining("; "));
    if (message.isBlank()) {
      message = status.getReason();
    }
    return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(ApiError.of(code, message));
  }

  static String codeFor(HttpStatus status) {
    return switch (status) {
      case BAD_REQUEST -> "bad-request";
      case UNAUTHORIZED -> "unauthorized";
      case FORBIDDEN -> "forbidden";
      case NOT_FOUND -> "not-found";
      case METHOD_NOT_ALLOWED -> "method-not-allowed";
      case REQUEST_ENTITY_TOO_LARGE -> "payload-too-large";
      case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
      case NOT_ACCEPTABLE -> "not-acceptable";
      case UNPROCESSABLE_ENTITY -> "unprocessable";
      default -> status.getCode() >= 500 ? "internal-error" : "http-" + status.getCode();
    };
  }
}
