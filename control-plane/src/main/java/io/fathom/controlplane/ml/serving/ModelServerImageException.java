package io.fathom.controlplane.ml.serving;

import io.fathom.controlplane.common.ApiException;
import io.micronaut.http.HttpStatus;

/**
 * The model server image of a variant cannot be had. {@link #code()} is the builder's stable code
 * ({@code base-image-missing}, {@code onnxruntime-variant-mismatch}, {@code image-build-failed}, …)
 * or {@code model-server-runtime-missing} when the ONNX Runtime jar cannot be found; the message
 * says what to do. A 503: the platform, not the request, lacks something.
 */
public class ModelServerImageException extends ApiException {
  public ModelServerImageException(String code, String message) {
    super(HttpStatus.SERVICE_UNAVAILABLE, code, message);
  }

  public ModelServerImageException(String code, String message, Throwable cause) {
    this(code, message);
    initCause(cause);
  }
}
