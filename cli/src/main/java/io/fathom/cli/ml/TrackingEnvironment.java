package io.fathom.cli.ml;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.cli.config.Context;
import io.fathom.cli.error.CliException;
import io.fathom.cli.http.Json;
import io.fathom.cli.runtime.Session;
import io.fathom.scaffolds.SdkEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables {@code mlflow run} adds to a command's environment: MLflow's tracking URI (the
 * context's URL: MLflow clients append {@code /api/2.0/mlflow}) and token, and the SDK variables,
 * all carrying one project token that expires after {@link #TOKEN_SECONDS}.
 */
record TrackingEnvironment(Map<String, String> variables) {
  static final int TOKEN_SECONDS = 3600;
  static final String URI = "MLFLOW_TRACKING_URI";
  static final String TOKEN = "MLFLOW_TRACKING_TOKEN";

  /** Mints a project token for the context's intelligence project and builds the variables. */
  static TrackingEnvironment mint(Session session) {
    Context context = session.context().context();
    if (context.intelligenceProjectId() == null) {
      throw new CliException(
          "no-project",
          "the context has no intelligence project: select one with 'fathom project select'");
    }
    var body = Json.MAPPER.createObjectNode();
    body.put("name", "mlflow-run");
    body.put("projectId", context.intelligenceProjectId());
    body.put("expiresInSeconds", TOKEN_SECONDS);
    JsonNode token = session.api().post("/api/platform/v1/tokens", Map.of(), body).data();
    return of(context, token.path("token").asText());
  }

  static TrackingEnvironment of(Context context, String token) {
    String url = context.url().replaceAll("/+$", "");
    Map<String, String> variables =
        new LinkedHashMap<>(
            SdkEnvironment.of(
                url, token, context.organizationId(), context.intelligenceProjectId()));
    variables.put(URI, url);
    variables.put(TOKEN, token);
    return new TrackingEnvironment(Map.copyOf(variables));
  }
}
