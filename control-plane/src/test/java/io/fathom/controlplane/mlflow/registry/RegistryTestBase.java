package io.fathom.controlplane.mlflow.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.fathom.controlplane.support.ApiTestBase;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/** Registry tests drive the server with MLflow's own Java client, as a project's token holder. */
abstract class RegistryTestBase extends ApiTestBase {
  static final String MLFLOW = "/api/2.0/mlflow/";

  @Inject EmbeddedServer server;

  /** A free port: other suites may be running on this machine at the same time. */
  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
    properties.put("micronaut.server.port", "-1");
    return properties;
  }

  /** MLflow's client for the tenant's project, as {@code MLFLOW_TRACKING_TOKEN} would give it. */
  MlflowClient mlflow(Tenant tenant) {
    return new MlflowClient(
        new BasicMlflowHostCreds(server.getURL().toString(), tenant.projectToken()));
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String body(Object... keysAndValues) {
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    try {
      return JSON.writeValueAsString(map);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode post(MlflowClient client, String path, Object... keysAndValues) {
    return json(client.sendPost(path, body(keysAndValues)));
  }

  /** MLflow's error body of a failed call: {@code error_code} and {@code message}. */
  static JsonNode failure(int status, Runnable call) {
    MlflowHttpException e = catchThrowableOfType(MlflowHttpException.class, call::run);
    assertThat(e).as("expected an HTTP error").isNotNull();
    assertThat(e.getStatusCode()).as(e.getBodyMessage()).isEqualTo(status);
    return json(e.getBodyMessage());
  }

  /** A DELETE with a JSON body, as MLflow's Python client sends it (the Java client has none). */
  Reply delete(Tenant tenant, String path, Object... keysAndValues) {
    return call(
        HttpRequest.DELETE(MLFLOW + path, body(keysAndValues))
            .contentType(MediaType.APPLICATION_JSON)
            .bearerAuth(tenant.projectToken()));
  }

  String createModel(MlflowClient client, String name) {
    post(client, "registered-models/create", "name", name);
    return name;
  }

  String createVersion(MlflowClient client, String name, String source) {
    return post(client, "model-versions/create", "name", name, "source", source)
        .at("/model_version/version")
        .asText();
  }
}
