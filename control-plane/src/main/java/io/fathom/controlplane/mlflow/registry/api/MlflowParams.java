package io.fathom.controlplane.mlflow.registry.api;

import io.fathom.controlplane.mlflow.MlflowException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of one MLflow request, wherever the client put them: the JSON body (POST, PATCH,
 * and DELETE from the Python client) or the query string (GET, and DELETE from other clients).
 */
final class MlflowParams {
  private final JsonNode body;
  private final HttpRequest<?> request;

  private MlflowParams(JsonNode body, HttpRequest<?> request) {
    this.body = body;
    this.request = request;
  }

  static MlflowParams of(HttpRequest<?> request, @Nullable String body, JsonMapper json) {
    if (body == null || body.isBlank()) {
      return new MlflowParams(JsonNode.createObjectNode(Map.of()), request);
    }
    try {
      JsonNode node = json.readValue(body, JsonNode.class);
      if (node == null || !node.isObject()) {
        throw MlflowException.invalid("The request body must be a JSON object.");
      }
      return new MlflowParams(node, request);
    } catch (IOException e) {
      throw MlflowException.invalid("The request body is not valid JSON.");
    }
  }

  /** A string parameter, or null when absent. */
  @Nullable
  String string(String name) {
    JsonNode node = body.get(name);
    if (node != null && !node.isNull()) {
      if (node.isContainerNode()) {
        throw MlflowException.invalid("Parameter '" + name + "' must be a single value.");
      }
      return node.coerceStringValue();
    }
    return request.getParameters().get(name);
  }

  String required(String name) {
    String value = string(name);
    if (value == null || value.isEmpty()) {
      throw MlflowException.invalid("Missing value for required parameter '" + name + "'.");
    }
    return value;
  }

  @Nullable
  Integer integer(String name) {
    String value = string(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw MlflowException.invalid("Parameter '" + name + "' must be an integer: " + value);
    }
  }

  boolean bool(String name) {
    String value = string(name);
    return value != null && Boolean.parseBoolean(value.strip());
  }

  /** A repeated parameter: a JSON array, or the query parameter given any number of times. */
  List<String> list(String name) {
    JsonNode node = body.get(name);
    List<String> values = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.values().forEach(v -> values.add(v.coerceStringValue()));
      return values;
    }
    if (node != null && !node.isNull()) {
      values.add(node.coerceStringValue());
      return values;
    }
    return request.getParameters().getAll(name);
  }

  /** {@code tags: [{"key": …, "value": …}]} as an ordered map. */
  Map<String, String> tags() {
    Map<String, String> tags = new LinkedHashMap<>();
    JsonNode node = body.get("tags");
    if (node == null || node.isNull()) {
      return tags;
    }
    if (!node.isArray()) {
      throw MlflowException.invalid("Parameter 'tags' must be a list of {key, value}.");
    }
    for (JsonNode tag : node.values()) {
      JsonNode key = tag.get("key");
      if (key == null || !key.isString() || key.getStringValue().isBlank()) {
        throw MlflowException.invalid("Every tag needs a 'key'.");
      }
      JsonNode value = tag.get("value");
      tags.put(
          key.getStringValue(), value == null || value.isNull() ? null : value.coerceStringValue());
    }
    return tags;
  }
}
