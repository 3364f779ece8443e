package io.fathom.controlplane.mlflow.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fathom.controlplane.mlflow.models.MlModel.ExampleInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a saved MLflow input example into a V2 inference request {@code {"inputs": [{"name",
 * "shape", "datatype", "data"}], "outputs": [{"name"}]}}. Reads both forms MLflow has written: the
 * older wrapped one ({@code {"inputs": …}}, {@code format: tf-serving}; {@code {"dataframe_split":
 * …}}) and the newer bare one ({@code [[5.1, 3.5, 1.4, 0.2]]}, {@code {"name": [[…]]}}, or a
 * split-oriented dataframe {@code {"columns", "data"}}). Datatypes come from the signature when it
 * names the input, else from the values.
 */
public final class InputExamples {
  private static final ObjectMapper JSON = new ObjectMapper();

  private InputExamples() {}

  public static Map<String, Object> toV2(MlModel model, ExampleInfo info, String json) {
    JsonNode example;
    try {
      example = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new MlModelException("input example " + info.artifactPath() + " is not valid JSON");
    }
    if (example == null) {
      throw new MlModelException("input example " + info.artifactPath() + " is empty");
    }
    example = unwrap(example);
    List<Map<String, Object>> inputs = new ArrayList<>();
    if (example.isObject() && example.has("columns") && example.has("data")) {
      columns(model, example, inputs);
    } else if (example.isArray() || !example.isContainerNode()) {
      SchemaField spec = model.inputs().isEmpty() ? null : model.inputs().get(0);
      inputs.add(
          tensor(spec, spec == null || spec.name() == null ? "input-0" : spec.name(), example));
    } else {
      example
          .fields()
          .forEachRemaining(
              e -> inputs.add(tensor(find(model, e.getKey()), e.getKey(), e.getValue())));
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("inputs", inputs);
    List<Map<String, Object>> outputs = new ArrayList<>();
    for (SchemaField output : model.outputs()) {
      if (output.name() != null) {
        outputs.add(Map.of("name", output.name()));
      }
    }
    if (!outputs.isEmpty()) {
      request.put("outputs", outputs);
    }
    return request;
  }

  private static JsonNode unwrap(JsonNode example) {
    if (example.isObject() && example.size() == 1) {
      for (String key : List.of("inputs", "instances", "dataframe_split")) {
        if (example.has(key)) {
          return example.get(key);
        }
      }
    }
    return example;
  }

  private static SchemaField find(MlModel model, String name) {
    return model.inputs().stream().filter(f -> name.equals(f.name())).findFirst().orElse(null);
  }

  private static void columns(MlModel model, JsonNode frame, List<Map<String, Object>> inputs) {
    JsonNode columns = frame.get("columns");
    JsonNode rows = frame.get("data");
    if (!columns.isArray() || !rows.isArray()) {
      throw new MlModelException("input example: 'columns' and 'data' must be lists");
    }
    for (int c = 0; c < columns.size(); c++) {
      String name = columns.get(c).asText();
      List<Object> data = new ArrayList<>();
      for (JsonNode row : rows) {
        if (!row.isArray() || row.size() != columns.size()) {
          throw new MlModelException("input example: every row needs one value per column");
        }
        data.add(value(row.get(c)));
      }
      SchemaField spec = find(model, name);
      String datatype = spec != null ? spec.datatype() : infer(rows, c);
      inputs.add(input(name, List.of((long) rows.size()), datatype, data));
    }
  }

  private static Map<String, Object> tensor(SchemaField spec, String name, JsonNode value) {
    List<Long> shape = new ArrayList<>();
    JsonNode probe = value;
    while (probe.isArray()) {
      shape.add((long) probe.size());
      if (probe.isEmpty()) {
        break;
      }
      probe = probe.get(0);
    }
    List<Object> data = new ArrayList<>();
    flatten(value, shape, 0, data);
    String datatype = spec != null ? spec.datatype() : inferValue(data);
    return input(name, shape, datatype, data);
  }

  private static void flatten(JsonNode node, List<Long> shape, int depth, List<Object> out) {
    if (depth == shape.size()) {
      if (node.isContainerNode()) {
        throw new MlModelException("input example is not a rectangular array");
      }
      out.add(value(node));
      return;
    }
    if (!node.isArray() || node.size() != shape.get(depth)) {
      throw new MlModelException("input example is not a rectangular array");
    }
    for (JsonNode child : node) {
      flatten(child, shape, depth + 1, out);
    }
  }

  private static Map<String, Object> input(
      String name, List<Long> shape, String datatype, List<Object> data) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("name", name);
    input.put("shape", shape);
    input.put("datatype", datatype);
    input.put("data", data);
    return input;
  }

  private static Object value(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.isNull() ? null : node.asText();
  }

  private static String infer(JsonNode rows, int column) {
    List<Object> values = new ArrayList<>();
    rows.forEach(row -> values.add(value(row.get(column))));
    return inferValue(values);
  }

  private static String inferValue(List<Object> values) {
    if (values.stream().allMatch(v -> v instanceof Boolean)) {
      return values.isEmpty() ? "FP32" : "BOOL";
    }
    if (values.stream().allMatch(v -> v instanceof Long)) {
      return "INT64";
    }
    if (values.stream().allMatch(v -> v instanceof Number)) {
      return "FP64";
    }
    return "BYTES";
  }
}
