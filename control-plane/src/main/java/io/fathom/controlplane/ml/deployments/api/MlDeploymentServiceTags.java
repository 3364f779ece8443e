package io.fathom.controlplane.ml.deployments.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** Reads a deployment's stored tags (a JSON object) for its view. */
final class MlDeploymentServiceTags {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MlDeploymentServiceTags() {}

  static Map<String, String> read(String json) {
    Map<String, String> out = new TreeMap<>();
    try {
      JSON.readTree(json)
          .fields()
          .forEachRemaining(
              e -> out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    } catch (IOException e) {
      throw new IllegalStateException("stored tags are not JSON", e);
    }
    return out;
  }
}
