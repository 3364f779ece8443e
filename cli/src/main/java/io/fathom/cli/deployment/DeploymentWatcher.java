package io.fathom.cli.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.cli.error.CliException;
import io.fathom.cli.http.Json;
import io.fathom.cli.runtime.Polling;
import io.fathom.cli.runtime.Session;
import java.time.Duration;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * Waits for a deployment to run, for {@code deploy --watch} and {@code build create --auto-deploy
 * --watch}. The API has no endpoint for one deployment, so it polls the function's list (newest
 * first, where a new deployment is) and picks it out by id.
 */
public final class DeploymentWatcher {
  static final Duration INTERVAL = Duration.ofSeconds(1);
  private final DeploymentsApi api;
  private final Polling polling;

  DeploymentWatcher(DeploymentsApi api, Polling polling) {
    this.api = api;
    this.polling = polling;
  }

  public static DeploymentWatcher of(Session session) {
    return new DeploymentWatcher(
        new DeploymentsApi(session.api()), Polling.every(INTERVAL, session));
  }

  /**
   * Returns the deployment (the API's JSON) once it is running; throws its own error when it
   * failed, and an error saying so when it was stopped or superseded before it ran.
   */
  public JsonNode awaitRunning(String functionId, String deploymentId) {
    while (true) {
      JsonNode json = find(functionId, deploymentId);
      DeploymentInfo deployment = Json.convert(json, DeploymentInfo.class);
      if (deployment.isRunning()) {
        return json;
      }
      if (deployment.hasEnded()) {
        throw ended(deployment);
      }
      polling.pause();
    }
  }

  private JsonNode find(String functionId, String deploymentId) {
    JsonNode items = api.list(functionId, Map.of()).data();
    return StreamSupport.stream(items.spliterator(), false)
        .filter(d -> deploymentId.equals(d.path("id").asText()))
        .findFirst()
        .orElseThrow(
            () ->
                new CliException(
                    "deployment-not-found",
                    "deployment "
                        + deploymentId
                        + " is not among the latest deployments of function "
                        + functionId));
  }

  private static CliException ended(DeploymentInfo d) {
    if ("failed".equals(d.status())) {
      return d.error() == null
          ? new CliException("deployment-failed", "deployment " + d.id() + " failed")
          : new CliException(d.error().code(), d.error().message());
    }
    return new CliException(
        "deployment-" + d.status(),
        "deployment " + d.id() + " was " + d.status() + " before it ran");
  }
}
