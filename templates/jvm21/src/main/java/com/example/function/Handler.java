package com.example.function;

import io.fathom.runtime.sdk.Context;
import io.fathom.runtime.sdk.TypedFunction;
import java.util.Map;

/**
 * The function: {@code {"name":"Ada"}} in, {@code {"greeting":"Hello, Ada!", "mlServiceUrl":…,
 * "callId":…}} out. func.yaml's {@code entryPoint} names this class; its {@code schema} checks the
 * input before this runs and the output after.
 */
public class Handler extends TypedFunction<Handler.Input, Handler.Output> {

  /** The input, read from the request body. */
  public record Input(String name) {}

  /** The output, written as the response body. */
  public record Output(String greeting, String mlServiceUrl, String callId) {}

  @Override
  public Output apply(Input input, Context context) {
    String mlServiceUrl = mlServiceUrl(context.sdk());
    context
        .logger()
        .info(
            mlServiceUrl == null
                ? "FATHOM_SDK_BASE_URL or FATHOM_SDK_SERVICE_PATH_ML is not set (a local run?)"
                : "the ML service's API is described at " + mlServiceUrl);
    return new Output("Hello, " + input.name() + "!", mlServiceUrl, context.callId());
  }

  /**
   * The address of the ML service's OpenAPI document, built from the platform settings as the
   * documentation's "Environment variables" section does: {@code FATHOM_SDK_BASE_URL +
   * FATHOM_SDK_SERVICE_PATH_ML + "/openapi"}; {@code null} when they are not set.
   *
   * <p>To call it, send {@code FATHOM_SDK_AUTHORIZATION} as the {@code Authorization} header, e.g.
   * with {@code java.net.http.HttpClient}; keep the call within {@code context.remainingMs()}.
   */
  static String mlServiceUrl(Map<String, String> sdk) {
    String baseUrl = sdk.get("FATHOM_SDK_BASE_URL");
    String servicePath = sdk.get("FATHOM_SDK_SERVICE_PATH_ML");
    if (baseUrl == null || servicePath == null) {
      return null;
    }
    if (baseUrl.endsWith("/") && servicePath.startsWith("/")) {
      baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
    }
    return baseUrl + servicePath + "/openapi";
  }
}
