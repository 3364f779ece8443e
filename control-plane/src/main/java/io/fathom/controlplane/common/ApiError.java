package io.fathom.controlplane.common;

import io.micronaut.serde.annotation.Serdeable;

/** The single error shape: {@code {"error": {"code": "kebab-case", "message": "..."}}}. */
@Serdeable
public record ApiError(Detail error) {

  public static ApiError of(String code, String message) {
    return new ApiError(new Detail(code, message));
  }

  @Serdeable
  public record Detail(String code, String message) {}
}
