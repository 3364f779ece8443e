package io.fathom.controlplane.mlflow.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fathom.controlplane.mlflow.models.MlModel.ExampleInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads an MLflow {@code MLmodel} file (YAML). The signature's {@code inputs}/{@code outputs} are
 * JSON strings of tensor specs ({@code {"type":"tensor","tensor-spec":{"dtype","shape"},"name"}})
 * or column specs ({@code {"type":"double","name"}}). Anything the platform cannot use throws
 * {@link MlModelException} with a message that says what is wrong; optional parts may be absent.
 */
public final class MlModelParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BYTES = 1024 * 1024;

  private MlModelParser() {}

  public static MlModel parse(String yaml) {
    if (yaml == null || yaml.isBlank()) {
      throw new MlModelException("MLmodel is empty");
    }
    if (yaml.length() > MAX_BYTES) {
      throw new MlModelException("MLmodel is larger than 1 MiB");
    }
    Object root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      options.setMaxAliasesForCollections(20);
      root = new Yaml(new SafeConstructor(options)).load(yaml);
    } catch (YAMLException e) {
      throw new MlModelException("MLmodel is not valid YAML: " + firstLine(e.getMessage()));
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new MlModelException("MLmodel is not a YAML mapping");
    }
    Map<String, Map<String, Object>> flavors = flavors(map.get("flavors"));
    Map<?, ?> signature = optionalMap(map.get("signature"), "signature");
    List<SchemaField> inputs =
        signature == null ? List.of() : specs(signature.get("inputs"), "inputs");
    List<SchemaField> outputs =
        signature == null ? List.of() : specs(signature.get("outputs"), "outputs");
    return new MlModel(
        flavors,
        ModelKind.of(flavors),
        inputs,
        outputs,
        example(optionalMap(map.get("saved_input_example_info"), "saved_input_example_info")),
        text(map.get("model_uuid")),
        text(map.get("model_id")),
        text(map.get("run_id")));
  }

  private static Map<String, Map<String, Object>> flavors(Object value) {
    if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
      throw new MlModelException("MLmodel has no flavors");
    }
    Map<String, Map<String, Object>> flavors = new LinkedHashMap<>();
    map.forEach(
        (name, settings) -> {
          Map<String, Object> copy = new LinkedHashMap<>();
          if (settings instanceof Map<?, ?> s) {
            s.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
          } else if (settings != null) {
            throw new MlModelException("MLmodel flavor '" + name + "' is not a mapping");
          }
          flavors.put(String.valueOf(name), copy);
        });
    return flavors;
  }

  /** YAML scalars that JSON cannot hold (dates) become text. */
  private static Object plain(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, x) -> copy.put(String.valueOf(k), plain(x)));
      return copy;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(MlModelParser::plain).toList();
    }
    if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
      return v;
    }
    return String.valueOf(v);
  }

  private static Map<?, ?> optionalMap(Object value, String field) {
    if (value == null) {
      return null;
    }
    if (value instanceof Map<?, ?> map) {
      return map;
    }
    throw new MlModelException("MLmodel field '" + field + "' is not a mapping");
  }

  private static List<SchemaField> specs(Object value, String field) {
    if (value == null) {
      return List.of();
    }
    JsonNode specs;
    try {
      specs = value instanceof String s ? JSON.readTree(s) : JSON.valueToTree(value);
    } catch (JsonProcessingException e) {
      throw new MlModelException("signature." + field + " is not valid JSON");
    }
    if (specs == null || specs.isNull()) {
      return List.of();
    }
    if (!specs.isArray()) {
      throw new MlModelException("signature." + field + " is not a JSON list of specs");
    }
    List<SchemaField> fields = new ArrayList<>();
    for (JsonNode spec : specs) {
      fields.add(spec(spec, field));
    }
    return List.copyOf(fields);
  }

  private static SchemaField spec(JsonNode spec, String field) {
    String where = "signature." + field;
    String type = spec.path("type").asText(null);
    String name = spec.hasNonNull("name") ? spec.get("name").asText() : null;
    if (type == null) {
      throw new MlModelException(where + ": a spec has no 'type'");
    }
    if (type.equals("tensor")) {
      JsonNode tensor = spec.path("tensor-spec");
      String dtype = tensor.path("dtype").asText(null);
      String datatype = dtype == null ? null : SchemaField.tensorDatatype(dtype);
      if (datatype == null) {
        throw new MlModelException(where + ": tensor '" + name + "' has no known dtype: " + dtype);
      }
      if (!tensor.path("shape").isArray()) {
        throw new MlModelException(where + ": tensor '" + name + "' has no shape");
      }
      List<Long> shape = new ArrayList<>();
      for (JsonNode dim : tensor.get("shape")) {
        if (!dim.canConvertToLong()) {
          throw new MlModelException(where + ": tensor '" + name + "' has a non-integer dimension");
        }
        shape.add(dim.asLong());
      }
      return new SchemaField(name, "tensor", dtype, List.copyOf(shape), datatype);
    }
    String datatype = SchemaField.columnDatatype(type);
    if (datatype == null) {
      throw new MlModelException(where + ": column '" + name + "' has an unknown type: " + type);
    }
    return new SchemaField(name, type, type, List.of(-1L), datatype);
  }

  private static ExampleInfo example(Map<?, ?> info) {
    if (info == null || text(info.get("artifact_path")) == null) {
      return null;
    }
    return new ExampleInfo(
        text(info.get("artifact_path")),
        text(info.get("serving_input_path")),
        text(info.get("type")),
        text(info.get("format")));
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
