package io.fathom.controlplane.mlflow;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Renders {@link MlflowException} in MLflow's error shape. */
@Produces
@Singleton
public class MlflowExceptionHandler
    implements ExceptionHandler<MlflowException, HttpResponse<MlflowError>> {

  @Override
  public HttpResponse<MlflowError> handle(HttpRequest request, MlflowException e) {
    return HttpResponse.<MlflowError>status(e.status())
        .body(new MlflowError(e.errorCode(), e.getMessage()));
  }
}
