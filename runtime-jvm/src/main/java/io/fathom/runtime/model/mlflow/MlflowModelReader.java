package io.fathom.runtime.model.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fathom.runtime.model.tensor.Datatype;
import io.fathom.runtime.model.tensor.TensorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads an MLflow ONNX model directory: {@code MLmodel} (YAML) for the onnx flavor's file and
 * {@code onnx_session_options}, the signature's tensor specs ({@code {"type":"tensor",
 * "tensor-spec":{"dtype","shape"},"name"}}) and the input example. A directory with only a {@code
 * model.onnx} (no MLmodel) is served from the graph alone.
 */
public final class MlflowModelReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MlflowModelReader() {}

  /** Reads {@code directory}; throws {@link ModelDirectoryException} saying what is wrong. */
  public static MlflowModel read(Path directory) {
    Path mlmodel = directory.resolve("MLmodel");
    if (!Files.isRegularFile(mlmodel)) {
      Path onnx = directory.resolve("model.onnx");
      if (Files.isRegularFile(onnx)) {
        return new MlflowModel(
            onnx, Optional.empty(), Optional.empty(), Map.of(), Optional.empty());
      }
      throw new ModelDirectoryException(
          directory + " has neither an MLmodel file nor a model.onnx: not an MLflow ONNX model");
    }
    Map<?, ?> root = yaml(mlmodel);
    Map<?, ?> flavors = map(root.get("flavors"), "flavors");
    if (flavors == null || !(flavors.get("onnx") instanceof Map<?, ?> onnx)) {
      throw new ModelDirectoryException(
          "MLmodel has no onnx flavor (flavors: "
              + (flavors == null ? "none" : flavors.keySet())
              + "); this server serves models logged with mlflow.onnx.log_model");
    }
    Object data = onnx.get("data");
    if (!(data instanceof String file) || file.isBlank()) {
      throw new ModelDirectoryException("MLmodel's onnx flavor has no 'data' file name");
    }
    Path onnxFile = directory.resolve(file).normalize();
    if (!onnxFile.startsWith(directory.normalize()) || !Files.isRegularFile(onnxFile)) {
      throw new ModelDirectoryException(
          "MLmodel names the ONNX file '" + file + "', which is not in the model directory");
    }
    Map<String, Object> sessionOptions = new LinkedHashMap<>();
    Map<?, ?> options = map(onnx.get("onnx_session_options"), "onnx_session_options");
    if (options != null) {
      options.forEach((k, v) -> sessionOptions.put(String.valueOf(k), v));
    }
    Map<?, ?> signature = map(root.get("signature"), "signature");
    Optional<List<TensorSpec>> inputs = Optional.empty();
    Optional<List<TensorSpec>> outputs = Optional.empty();
    if (signature != null) {
      inputs = specs(signature.get("inputs"), "inputs");
      outputs = specs(signature.get("outputs"), "outputs");
    }
    return new MlflowModel(
        onnxFile, inputs, outputs, sessionOptions, inputExample(directory, root));
  }

  private static Map<?, ?> yaml(Path mlmodel) {
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      Object root = new Yaml(new SafeConstructor(options)).load(Files.readString(mlmodel));
      if (root instanceof Map<?, ?> map) {
        return map;
      }
      throw new ModelDirectoryException("MLmodel is not a YAML mapping");
    } catch (IOException e) {
      throw new ModelDirectoryException("cannot read MLmodel: " + e.getMessage(), e);
    } catch (YAMLException e) {
      throw new ModelDirectoryException("MLmodel is not valid YAML: " + e.getMessage(), e);
    }
  }

  private static Map<?, ?> map(Object value, String what) {
    if (value == null) {
      return null;
    }
    if (value instanceof Map<?, ?> map) {
      return map;
    }
    throw new ModelDirectoryException("MLmodel's '" + what + "' is not a mapping");
  }

  /**
   * The tensor specs in a signature's JSON string; empty when the signature is column-based (the
   * graph then describes the model).
   */
  static Optional<List<TensorSpec>> specs(Object value, String what) {
    if (value == null) {
      return Optional.empty();
    }
    JsonNode array;
    try {
      array = JSON.readTree(String.valueOf(value));
    } catch (IOException e) {
      throw new ModelDirectoryException("MLmodel's signature " + what + " is not valid JSON");
    }
    if (!array.isArray()) {
      throw new ModelDirectoryException("MLmodel's signature " + what + " is not a JSON list");
    }
    List<TensorSpec> specs = new ArrayList<>();
    for (JsonNode field : array) {
      if (!"tensor".equals(field.path("type").asText())) {
        return Optional.empty();
      }
      String name = field.path("name").asText(null);
      if (name == null) {
        throw new ModelDirectoryException(
            "MLmodel's signature " + what + " has a tensor without a name");
      }
      JsonNode spec = field.path("tensor-spec");
      String dtype = spec.path("dtype").asText();
      Datatype datatype =
          Datatype.ofNumpy(dtype)
              .orElseThrow(
                  () ->
                      new ModelDirectoryException(
                          "MLmodel's signature "
                              + what
                              + " '"
                              + name
                              + "' has dtype '"
                              + dtype
                              + "', which this server does not serve; it serves "
                              + Datatype.known()));
      JsonNode shape = spec.path("shape");
      long[] dims = new long[shape.size()];
      for (int i = 0; i < dims.length; i++) {
        dims[i] = shape.get(i).asLong();
      }
      specs.add(new TensorSpec(name, datatype, dims));
    }
    return Optional.of(specs);
  }

  private static Optional<JsonNode> inputExample(Path directory, Map<?, ?> root) {
    Map<?, ?> info = map(root.get("saved_input_example_info"), "saved_input_example_info");
    if (info == null || !(info.get("artifact_path") instanceof String path)) {
      return Optional.empty();
    }
    Path file = directory.resolve(path).normalize();
    if (!file.startsWith(directory.normalize()) || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(file.toFile()));
    } catch (IOException e) {
      throw new ModelDirectoryException(
          "the input example " + path + " is not valid JSON: " + e.getMessage(), e);
    }
  }
}
